package io.modellibrary.files;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Wiring of the files feature: the indexes its collections need, and a multipart
 * resolver that leaves {@code POST /api/files} alone, so that the upload's body reaches
 * {@link UploadService} unread, while other endpoints (avatars) keep Spring's multipart.
 */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    FilesConfiguration(MongoTemplate mongo) {
        mongo.indexOps(CommitDoc.class).createIndex(new Index().on("repoId", Direction.ASC).on("seq", Direction.DESC)
                .named("repoId_seq"));
        mongo.indexOps(CommitDoc.class).createIndex(new Index().on("tree.sha256", Direction.ASC).named("tree_sha256"));
    }

    @Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
    MultipartResolver multipartResolver(MultipartProperties properties) {
        StandardServletMultipartResolver resolver = new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return !isStreamedUpload(request) && super.isMultipart(request);
            }
        };
        resolver.setResolveLazily(properties.isResolveLazily());
        resolver.setStrictServletCompliance(properties.isStrictServletCompliance());
        return resolver;
    }

    static boolean isStreamedUpload(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && FileWriteController.UPLOAD_PATH.equals(path);
    }
}

package io.modellibrary.files;

import io.modellibrary.common.RequestPaths;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Wiring of the files feature: a multipart
 * resolver that leaves {@code POST /api/files} alone, so that the upload's body reaches
 * {@link UploadService} unread, while other endpoints (avatars) keep Spring's multipart.
 */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

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
        String path = RequestPaths.inApp(request);
        return "POST".equals(request.getMethod()) && FileWriteController.UPLOAD_PATH.equals(path);
    }
}

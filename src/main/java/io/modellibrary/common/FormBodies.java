package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.FormContentFilter;

/**
 * Spring's {@link FormContentFilter} (which reads an {@code application/x-www-form-urlencoded}
 * body of a {@code PUT}, {@code PATCH} or {@code DELETE} into request parameters, as the container
 * does for a {@code POST}) for every request except an LFS object's upload, whose body is the
 * object's bytes whatever its {@code Content-Type} ({@link LfsRoutes#isObjectUpload}): read as a
 * form, it would be consumed before the handler could store it. Spring Boot's own filter backs
 * off when this bean is present ({@code WebMvcAutoConfiguration#formContentFilter}).
 */
@Configuration(proxyBeanMethods = false)
class FormBodies {

    @Bean
    OrderedFormContentFilter formContentFilter() {
        return new OrderedFormContentFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return LfsRoutes.isObjectUpload(request);
            }
        };
    }
}

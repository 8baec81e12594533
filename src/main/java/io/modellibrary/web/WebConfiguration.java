package io.modellibrary.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The web face's servlet plumbing: {@link StreamedUploadFilter} ahead of security. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<StreamedUploadFilter> streamedUploadFilter() {
        FilterRegistrationBean<StreamedUploadFilter> registration = new FilterRegistrationBean<>(new StreamedUploadFilter());
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }
}

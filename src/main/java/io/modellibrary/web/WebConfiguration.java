package io.modellibrary.web;

import io.modellibrary.common.ErrorForms;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The web face's servlet plumbing: ahead of security {@link StreamedUploadFilter} and {@link SmallFormParts}.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    FilterRegistrationBean<StreamedUploadFilter> streamedUploadFilter() {
        FilterRegistrationBean<StreamedUploadFilter> registration = new FilterRegistrationBean<>(new StreamedUploadFilter());
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SmallFormParts> smallFormParts(ErrorForms errors,
            @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize request,
            @Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize file) {
        String limits = megabytes(request) + " in all, a file in it to " + megabytes(file);
        FilterRegistrationBean<SmallFormParts> registration = new FilterRegistrationBean<>(new SmallFormParts(errors, limits));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    private static String megabytes(DataSize size) {
        return size.toBytes() % (1024 * 1024) == 0 ? size.toMegabytes() + " MB" : size.toKilobytes() + " KB";
    }
}

package io.modellibrary.common;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses query parameters whose names look like query operators ({@code task[$ne]},
 * {@code name[$regex]}): no endpoint takes such a name, and a caller sending one is told
 * so with a 400 instead of having it silently ignored. Not on the Hugging Face Hub's routes
 * ({@code /api/models...}, {@code /api/datasets...}, {@code /api/whoami-v2}): their clients send {@code expand[]=likes}
 * ({@code @huggingface/hub lib/repo-exists.ts}) and {@code expand[]=formatted}, which the Hub accepts.
 */
@Configuration(proxyBeanMethods = false)
class ParameterNameGuard implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**", "/modelList")
                .excludePathPatterns("/api/models", "/api/models/**", "/api/datasets", "/api/datasets/**", "/api/whoami-v2");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // Only the query string: reading form parameters would make the container parse
        // (and buffer) a multipart body that an upload endpoint wants to stream itself.
        String query = request.getQueryString();
        if (query == null) {
            return true;
        }
        for (String pair : query.split("&")) {
            String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (name.indexOf('$') >= 0 || name.indexOf('[') >= 0 || name.indexOf(']') >= 0) {
                throw new BadRequestException("unsupported parameter " + name);
            }
        }
        return true;
    }
}

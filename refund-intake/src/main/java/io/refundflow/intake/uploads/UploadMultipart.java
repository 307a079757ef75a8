package io.refundflow.intake.uploads;

import io.refundflow.intake.settings.IntakeProperties;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;

/**
 * How the servlet container takes multipart bodies: every part is streamed to a temporary file as it arrives
 * (nothing is held whole in memory), a body is cut off at {@code refund.intake.uploads.max-request-size} while it
 * streams, and only the upload routes are resolved as multipart. Replaces {@code spring.servlet.multipart.*}, so
 * that the request limit is set in one place.
 */
@Configuration(proxyBeanMethods = false)
class UploadMultipart {

    /** Every part goes to disk from its first byte. */
    private static final int FILE_SIZE_THRESHOLD = 0;
    /** Parts are bounded by the request limit; each file's own limit is checked from its size before it is read. */
    private static final long NO_PART_LIMIT = -1;

    @Bean
    MultipartConfigElement multipartConfigElement(IntakeProperties properties) {
        return new MultipartConfigElement("", NO_PART_LIMIT, properties.uploads().maxRequestSize().toBytes(),
                FILE_SIZE_THRESHOLD);
    }

    @Bean
    MultipartResolver multipartResolver() {
        return new StandardServletMultipartResolver() {
            @Override
            public boolean isMultipart(HttpServletRequest request) {
                return UploadRoutes.isUpload(request) && super.isMultipart(request);
            }
        };
    }
}

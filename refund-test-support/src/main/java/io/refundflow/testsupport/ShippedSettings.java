package io.refundflow.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * A service's settings bound as its {@code application.yml} ships them, and as its properties record falls back to
 * when a setting is not given at all. The yml is the one documented place of each default, and the record's
 * fallback must say the same: otherwise a deployment whose configuration lacks a line (a test, another profile, a
 * trimmed file) silently runs on a value nobody documented.
 */
public final class ShippedSettings {

    private ShippedSettings() {
    }

    /** The settings under {@code prefix} as the {@code application.yml} on the classpath has them. */
    public static <T> T asShipped(String prefix, Class<T> type) {
        try {
            ClassPathResource yml = new ClassPathResource("application.yml");
            return new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader().load("shipped", yml)))
                    .bindOrCreate(prefix, Bindable.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The settings under {@code prefix} when nothing configures them: the record's own fallbacks. */
    public static <T> T unconfigured(String prefix, Class<T> type) {
        return new Binder(List.<ConfigurationPropertySource>of()).bindOrCreate(prefix, Bindable.of(type));
    }
}

package io.refundflow.portal.locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * The page's language: zh or en. It follows the customer's locale as billing holds it (on their orders) until the
 * customer picks one with the switch ({@code ?lang=zh|en}), which then holds for the session. Before either is
 * known, the browser's Accept-Language decides.
 */
@Configuration(proxyBeanMethods = false)
public class CustomerLocale implements WebMvcConfigurer {

    public static final Locale ZH = Locale.CHINESE;
    public static final Locale EN = Locale.ENGLISH;
    /** Set once the language was chosen (by billing's locale or the switch): billing then no longer overrides it. */
    private static final String SETTLED = CustomerLocale.class.getName() + ".settled";
    private static final String SWITCH = "lang";

    @Bean
    LocaleResolver localeResolver() {
        SessionLocaleResolver resolver = new SessionLocaleResolver() {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                super.setLocale(request, response, supported(locale));
                request.getSession().setAttribute(SETTLED, Boolean.TRUE);
            }
        };
        resolver.setDefaultLocaleFunction(request -> supported(request.getLocale()));
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(SWITCH);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /**
     * Takes billing's locale for the customer (the first of their orders that names one), unless the language was
     * already chosen in this session.
     */
    public static void followBilling(HttpServletRequest request, HttpServletResponse response,
            LocaleResolver resolver, Collection<String> billingLocales) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SETTLED) != null) {
            return;
        }
        billingLocales.stream().filter(Objects::nonNull).findFirst()
                .ifPresent(tag -> resolver.setLocale(request, response, Locale.forLanguageTag(tag)));
    }

    /** zh for any Chinese, en for anything else. */
    static Locale supported(Locale locale) {
        return locale != null && ZH.getLanguage().equals(locale.getLanguage()) ? ZH : EN;
    }
}

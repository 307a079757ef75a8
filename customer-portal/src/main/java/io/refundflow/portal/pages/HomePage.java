package io.refundflow.portal.pages;

import io.refundflow.portal.intake.IntakeApi;
import io.refundflow.portal.locale.CustomerLocale;
import io.refundflow.portal.model.Order;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.LocaleResolver;

/** My orders (paid, still refundable, an open request) and my cases. */
@Controller
class HomePage {

    private final IntakeApi api;
    private final LocaleResolver locales;

    HomePage(IntakeApi api, LocaleResolver locales) {
        this.api = api;
        this.locales = locales;
    }

    @GetMapping("/")
    String home(@RegisteredOAuth2AuthorizedClient(AccessToken.REGISTRATION) OAuth2AuthorizedClient client,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        String token = AccessToken.of(client);
        List<Order> orders = api.orders(token);
        CustomerLocale.followBilling(request, response, locales, orders.stream().map(Order::locale).toList());
        model.addAttribute("orders", orders);
        model.addAttribute("cases", api.cases(token));
        return "home";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "signed-out";
    }

    /** Reached by forward from a refused request of any method (see PortalSecurity). */
    @RequestMapping("/forbidden")
    String forbidden(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "forbidden";
    }

    /** A form sent without the page's CSRF token: nothing was done. */
    @RequestMapping("/form-expired")
    String formExpired(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "form-expired";
    }
}

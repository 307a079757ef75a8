package io.refundflow.portal.pages;

import io.refundflow.events.Ground;
import io.refundflow.events.RequestKind;
import io.refundflow.portal.intake.IntakeApi;
import io.refundflow.portal.intake.IntakeProblem;
import io.refundflow.portal.model.Order;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Contact and submit in one form, for one of the customer's orders: the ground in plain words, refund or exchange,
 * a description and evidence files, with what the policy says to expect. Sending it opens the case (contact) and
 * submits the application with the files (submit) at the API, then shows the case.
 */
@Controller
class RequestPage {

    private static final Logger log = LoggerFactory.getLogger(RequestPage.class);
    /** The contact step's own words: the customer's description goes with the application. */
    static final String CONTACT_DESCRIPTION = "Opened on the customer page";

    private final IntakeApi api;

    RequestPage(IntakeApi api) {
        this.api = api;
    }

    @GetMapping("/orders/{orderId}/request")
    String form(@RegisteredOAuth2AuthorizedClient(AccessToken.REGISTRATION) OAuth2AuthorizedClient client,
            @PathVariable String orderId, Model model, HttpServletResponse response) {
        RequestForm blank = new RequestForm(UUID.randomUUID().toString(), null, RequestKind.REFUND, "");
        return show(AccessToken.of(client), orderId, blank, model, response);
    }

    @PostMapping("/orders/{orderId}/request")
    String send(@RegisteredOAuth2AuthorizedClient(AccessToken.REGISTRATION) OAuth2AuthorizedClient client,
            @PathVariable String orderId, @Valid @ModelAttribute("form") RequestForm form, BindingResult invalid,
            @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence, Locale locale,
            Model model, HttpServletResponse response) {
        String token = AccessToken.of(client);
        if (invalid.hasErrors()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(token, orderId, form, model, response);
        }
        try {
            String caseId = api.openCase(token, form.key() + "-contact", orderId, CONTACT_DESCRIPTION);
            Map<String, Object> application = new HashMap<>();
            application.put("ground", form.ground().name());
            application.put("kind", form.kind().name());
            application.put("description", form.description() == null ? "" : form.description());
            application.put("locale", locale.getLanguage());
            api.submit(token, form.key() + "-submit", caseId, application, Uploads.of(evidence));
            log.info("customer page: request submitted on order {} (case {})", orderId, caseId);
            return "redirect:/cases/" + caseId;
        } catch (IntakeProblem problem) {
            PageErrors.showOnForm(problem, response, model);
            return show(token, orderId, form, model, response);
        }
    }

    private String show(String token, String orderId, RequestForm form, Model model, HttpServletResponse response) {
        Optional<Order> order = api.orders(token).stream().filter(o -> o.orderId().equals(orderId)).findFirst();
        if (order.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "not-found";
        }
        model.addAttribute("order", order.get());
        model.addAttribute("form", form);
        model.addAttribute("grounds", Ground.values());
        model.addAttribute("kinds", RequestKind.values());
        model.addAttribute("limits", api.uploadLimits(token));
        return "request";
    }
}

package io.refundflow.portal.pages;

import io.refundflow.portal.PortalProperties;
import io.refundflow.portal.intake.IntakeApi;
import io.refundflow.portal.intake.IntakeProblem;
import io.refundflow.portal.locale.CustomerLocale;
import io.refundflow.portal.model.CaseDetails;
import io.refundflow.portal.model.Order;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.LocaleResolver;

/**
 * My case: the timeline (contact, submit, review, notify, settle), the decision with its reason and amount, the state
 * of the money, and, while ops wait for evidence, their message, the deadline and a place to add files. The page asks
 * for its live part again every {@code refresh-interval} and swaps it when the case changed. Whose case it is, the
 * API decides: another customer's case is "not found" there, and so here.
 */
@Controller
class CasePage {

    private static final Logger log = LoggerFactory.getLogger(CasePage.class);
    /** A case id as the API makes them; anything else is not a case (and is never put into an API path). */
    private static final Pattern CASE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$");

    private final IntakeApi api;
    private final LocaleResolver locales;
    private final PortalProperties properties;

    CasePage(IntakeApi api, LocaleResolver locales, PortalProperties properties) {
        this.api = api;
        this.locales = locales;
        this.properties = properties;
    }

    @GetMapping("/cases/{caseId}")
    String page(@RegisteredOAuth2AuthorizedClient(AccessToken.REGISTRATION) OAuth2AuthorizedClient client,
            @PathVariable String caseId, HttpServletRequest request, HttpServletResponse response, Model model) {
        String token = AccessToken.of(client);
        CaseDetails details = details(token, caseId);
        List<Order> orders = api.orders(token);
        CustomerLocale.followBilling(request, response, locales, orders.stream()
                .filter(o -> o.orderId().equals(details.orderId())).map(Order::locale).toList());
        return show(details, token, model);
    }

    /**
     * An email's link: the case with this number among the signed-in customer's own (after sign-in, if need be,
     * the request cache brings the customer back here). A number that is not theirs is "not found", like an id.
     */
    @GetMapping("/case/{caseNumber}")
    String byNumber(@RegisteredOAuth2AuthorizedClient(AccessToken.REGISTRATION) OAuth2AuthorizedClient client,
            @PathVariable String caseNumber, HttpServletResponse response) {
        return api.cases(AccessToken.of(client)).stream().filter(c -> caseNumber.equals(c.caseNumber()))
                .findFirst().map(c -> "redirect:/cases/" + c.caseId())
                .orElseGet(() -> {
                    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                    return "not-found";
                });
    }

    /** The live part alone, for the page's script. */
    @GetMapping("/cases/{caseId}/live")
    String live(@RegisteredOAuth2AuthorizedClient(AccessToken.REGISTRATION) OAuth2AuthorizedClient client,
            @PathVariable String caseId, Model model) {
        String token = AccessToken.of(client);
        show(details(token, caseId), token, model);
        return "case :: live";
    }

    @PostMapping("/cases/{caseId}/evidence")
    String addEvidence(@RegisteredOAuth2AuthorizedClient(AccessToken.REGISTRATION) OAuth2AuthorizedClient client,
            @PathVariable String caseId, @RequestParam(name = "key", required = false) String key,
            @RequestParam(name = "evidence", required = false) List<MultipartFile> evidence,
            HttpServletResponse response, Model model) {
        String token = AccessToken.of(client);
        requireCaseId(caseId);
        try {
            api.addEvidence(token, key == null || key.isBlank() ? UUID.randomUUID().toString() : key, caseId,
                    Uploads.of(evidence));
            log.info("customer page: evidence added to case {}", caseId);
            return "redirect:/cases/" + caseId;
        } catch (IntakeProblem problem) {
            PageErrors.showOnForm(problem, response, model);
            return show(details(token, caseId), token, model);
        }
    }

    private CaseDetails details(String token, String caseId) {
        requireCaseId(caseId);
        return api.caseView(token, caseId);
    }

    private static void requireCaseId(String caseId) {
        if (!CASE_ID.matcher(caseId).matches()) {
            throw new IntakeProblem(404, "not-found", "no such case", List.of());
        }
    }

    private String show(CaseDetails details, String token, Model model) {
        model.addAttribute("c", details);
        model.addAttribute("refreshMillis", properties.refreshInterval().toMillis());
        model.addAttribute("evidenceKey", UUID.randomUUID().toString());
        if (details.awaitsEvidence()) {
            model.addAttribute("limits", api.uploadLimits(token));
        }
        return "case";
    }
}

package io.refundflow.portal.pages;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame needs: whether someone is signed in (the sign-out button) and where the language switch returns. */
@ControllerAdvice(assignableTypes = {HomePage.class, RequestPage.class, CasePage.class})
class PageFrame {

    private static final String EVIDENCE = "/evidence";

    @ModelAttribute("signedIn")
    boolean signedIn(Principal principal) {
        return principal != null;
    }

    /** This page's path, to come back to in the other language (a form's answer goes back to its page). */
    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.endsWith(EVIDENCE) ? path.substring(0, path.length() - EVIDENCE.length()) : path;
    }
}

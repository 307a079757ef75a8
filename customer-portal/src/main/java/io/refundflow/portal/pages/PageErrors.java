package io.refundflow.portal.pages;

import io.refundflow.portal.intake.IntakeProblem;
import io.refundflow.portal.intake.IntakeUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.ui.Model;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a page shows when the API refuses or does not answer: "not found" for a case or order that is not the
 * customer's (the API cannot tell them apart either), the sign-in again when the API no longer takes the session's
 * token (it expired), and a plain "try again" page otherwise. Never a stack trace or a status code alone.
 */
@ControllerAdvice(assignableTypes = {HomePage.class, RequestPage.class, CasePage.class})
class PageErrors {

    @ExceptionHandler(IntakeProblem.class)
    Object refused(IntakeProblem problem, HttpServletRequest request, HttpServletResponse response) {
        if (problem.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return "redirect:/";
        }
        if (problem.isNotFound()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "not-found";
        }
        response.setStatus(problem.status());
        return new ModelAndView("refused", Map.of("problem", problem));
    }

    /**
     * A refusal of a form's submission, shown on the form again with the API's status, so that the customer can
     * correct what they entered; a case or order not found is not the form's to show and goes on to {@link #refused}.
     */
    static void showOnForm(IntakeProblem problem, HttpServletResponse response, Model model) {
        if (problem.isNotFound()) {
            throw problem;
        }
        response.setStatus(problem.status());
        model.addAttribute("problem", problem);
    }

    @ExceptionHandler(IntakeUnavailable.class)
    String unavailable(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return "unavailable";
    }
}

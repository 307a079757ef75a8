package io.refundflow.intake.callers;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that runs after Spring Security and acts for the authenticated caller only: a request Security let
 * through without one (a public path) passes on untouched, as there is nobody to bound or answer for.
 */
public abstract class CallerFilter extends OncePerRequestFilter {

    @Override
    protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        doFilterFor(authentication.getName(), request, response, chain);
    }

    /** The request of this caller (the authentication's name). */
    protected abstract void doFilterFor(String caller, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws ServletException, IOException;
}

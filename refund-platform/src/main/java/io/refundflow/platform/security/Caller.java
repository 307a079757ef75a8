package io.refundflow.platform.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling: the token's subject (a customer id, or a staff id for agents and ops) and its roles.
 */
public record Caller(String subject, Set<String> authorities) {

    public static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        return new Caller(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toUnmodifiableSet()));
    }

    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    public boolean isAgent() {
        return authorities.contains(Roles.ROLE_AGENT);
    }

    public boolean isOps() {
        return authorities.contains(Roles.ROLE_OPS);
    }

    /** Staff (agents and ops) may see every customer's data; customers only their own. */
    public boolean isStaff() {
        return isAgent() || isOps();
    }

    public boolean isCustomer() {
        return authorities.contains(Roles.ROLE_CUSTOMER);
    }

    /** Whether the caller may see or act on data of this customer. */
    public boolean mayActFor(String customerId) {
        return isStaff() || (isCustomer() && subject.equals(customerId));
    }
}

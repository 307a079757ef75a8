package io.refundflow.platform.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: the token's subject (a customer id, or a staff id for agents and ops), its roles, and whether a
 * person signed in for it or a machine holds it ({@link #MACHINE_CLAIM}).
 *
 * @param person {@code false} for a token a client got for itself (client-credentials grant): whoever holds the
 *               client's secret, not a person who signed in, so it may never count as a reviewer
 */
public record Caller(String subject, Set<String> authorities, boolean person) {

    /**
     * The claim a client-credentials token carries and a person's token does not: refund-identity sets it, and
     * Keycloak sets it on every service-account token.
     */
    public static final String MACHINE_CLAIM = "client_id";

    public static Caller of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            throw new IllegalStateException("no authenticated caller");
        }
        return new Caller(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toUnmodifiableSet()),
                !heldByMachine(authentication));
    }

    private static boolean heldByMachine(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken jwt && jwt.getToken().hasClaim(MACHINE_CLAIM);
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

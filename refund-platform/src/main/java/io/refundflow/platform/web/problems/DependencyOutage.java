package io.refundflow.platform.web.problems;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The one answer to an HTTP request that failed because PostgreSQL refused it (connection refused, login
 * refused, pool timeout, sessions ended): {@code 503 Service Unavailable} with {@code Retry-After} and a
 * problem of type {@code service-unavailable}. The request's transaction never committed, so it was not
 * accepted, and retrying it with the same Idempotency-Key is safe. Used by each service's exception
 * handler and by filters that reach the database before the controllers.
 */
public final class DependencyOutage {

    public static final String TYPE = "service-unavailable";
    public static final String TITLE = "Service unavailable";
    public static final String DETAIL = "the service's database is unavailable at the moment: the request was"
            + " NOT accepted and changed nothing; it is safe to retry after Retry-After seconds with the same"
            + " Idempotency-Key";

    private DependencyOutage() {
    }

    /**
     * Whether the failure (or one of its causes) says the database could not be reached or refused us. A
     * session the server ended in the middle of a transaction surfaces as a failed rollback over the
     * connection the pool has closed meanwhile; that exception carries the statement's failure as its
     * application exception, which is what is judged then. A transaction that could not be ended with no
     * failure of the application behind it (the commit failed, then the rollback on the closed connection,
     * which is what is thrown: the SQL states of the commit's failure are only logged) lost its database.
     */
    public static boolean isOutage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLException sql && isConnectionLost(sql.getSQLState())) {
                return true;
            }
            if (t instanceof TransactionSystemException endingFailed
                    && (endingFailed.getApplicationException() == null
                            || isOutage(endingFailed.getApplicationException()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL state classes 08 (connection exception), 28 (login refused), 53 (insufficient resources, e.g. too
     * many connections) and 57P (the server ended the session or is shutting down).
     */
    private static boolean isConnectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("28")
                || sqlState.startsWith("53") || sqlState.startsWith("57P"));
    }

    /** The value of the {@code Retry-After} header: whole seconds, at least one. */
    public static String retryAfter(Duration wait) {
        return String.valueOf(Math.max(1, wait.toSeconds()));
    }

    /** The 503 answer to the request at {@code instance}, for an exception handler. */
    public static ResponseEntity<ProblemDetail> answer(Duration retryAfter, String instance) {
        ProblemDetail problem = ProblemDetails.of(HttpStatus.SERVICE_UNAVAILABLE, TYPE, TITLE, DETAIL);
        problem.setInstance(URI.create(instance));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfter(retryAfter))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Writes the 503 answer; for filters that answer before the controllers. */
    public static void write(HttpServletResponse response, Duration retryAfter, String instance) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter(retryAfter));
        ProblemDetails.write(response, HttpStatus.SERVICE_UNAVAILABLE, TYPE, TITLE, DETAIL, instance, List.of());
    }
}

package io.refundflow.evaluator.requests;

import static io.refundflow.evaluator.Fixtures.SOURCE;
import static io.refundflow.evaluator.Fixtures.daysAgo;
import static io.refundflow.evaluator.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.evaluator.EvaluatorTest;
import io.refundflow.evaluator.Fixtures;
import io.refundflow.events.EventEnvelope;
import io.refundflow.events.Ground;
import io.refundflow.platform.billing.BillingOrders;
import io.refundflow.platform.inbox.Delivery;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a poll of refund requests costs the database: statements (a JDBC execution each, a batch counting once)
 * and commits sent by the test's thread while it hands the same kind of poll to {@link RefundRequestListener}
 * one request at a time ({@code handle}, what a handler without a set path does) and as a set
 * ({@code handleAll}). Not part of the suite (its data source counts, so it has an application context of its
 * own); run it alone: {@code -Dtest=StatementsPerRequestMeasurement}.
 */
@EvaluatorTest
@Import(StatementsPerRequestMeasurement.Counting.class)
@DirtiesContext // its consumers would otherwise share the group with the next test's, which stops them
class StatementsPerRequestMeasurement {

    static final int REQUESTS = 100;
    /** Statements per poll the set path may take for approvals on distinct orders, whatever the poll's size. */
    static final int SET_STATEMENTS = 8;

    @Autowired
    RefundRequestListener listener;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    BillingOrders orders;
    @Autowired
    Clock clock;

    @Test
    void aPollOfApprovalsCostsAFewStatementsInsteadOfSomeForEachRequest() {
        Tally alone = measure(poll -> poll.forEach(listener::handle));
        Tally together = measure(listener::handleAll);

        System.out.printf("%d approvals, one at a time: %d statements, %d commit(s) = %.2f statements/request%n",
                REQUESTS, alone.statements, alone.commits, alone.statements / (double) REQUESTS);
        System.out.printf("%d approvals, as a set:      %d statements, %d commit(s) = %.2f statements/request%n",
                REQUESTS, together.statements, together.commits, together.statements / (double) REQUESTS);
        assertThat(together.statements).isLessThanOrEqualTo(SET_STATEMENTS);
        assertThat(together.commits).isEqualTo(1);
    }

    /** Handles a fresh poll of approvals (SAAS orders inside the guarantee, one order each) in one transaction. */
    private Tally measure(Consumer<List<Delivery<Record>>> handler) {
        List<Delivery<Record>> poll = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String orderId = id("o");
            orders.store(Fixtures.saas(orderId, "c-1", daysAgo(2)), clock.instant());
            Record request = Fixtures.request(id("r"), orderId, "c-1", Ground.UNSATISFIED);
            poll.add(new Delivery<>(orderId, EventEnvelope.of(SOURCE, request, clock), Optional.empty()));
        }
        Tally tally = new Tally();
        Counting.current.set(tally);
        try {
            transactions.executeWithoutResult(status -> handler.accept(poll));
        } finally {
            Counting.current.remove();
        }
        return tally;
    }

    static final class Tally {
        int statements;
        int commits;
    }

    /** Wraps the data source so that a thread counts what it sends while it has a tally. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        static final ThreadLocal<Tally> current = new ThreadLocal<>();

        @Bean
        static BeanPostProcessor countingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource source ? wrap(DataSource.class, source) : bean;
                }
            };
        }

        @SuppressWarnings("unchecked")
        private static <T> T wrap(Class<T> type, T target) {
            return (T) Proxy.newProxyInstance(Counting.class.getClassLoader(), new Class<?>[] {type},
                    (proxy, method, args) -> {
                        Tally tally = current.get();
                        if (tally != null) {
                            String name = method.getName();
                            if (target instanceof Statement && name.startsWith("execute")) {
                                tally.statements++;
                            } else if (target instanceof Connection && name.equals("commit")) {
                                tally.commits++;
                            }
                        }
                        Object result;
                        try {
                            result = method.invoke(target, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        Class<?> returned = method.getReturnType();
                        if (returned.isInterface() && (result instanceof Connection || result instanceof Statement)) {
                            return wrap((Class<Object>) returned, result);
                        }
                        return result;
                    });
        }
    }
}

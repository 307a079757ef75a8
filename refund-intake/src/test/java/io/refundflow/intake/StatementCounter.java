package io.refundflow.intake;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts, per kind of thread, the SQL statements (round trips: a JDBC batch counts once) and the commits the
 * service sends to PostgreSQL, by wrapping its data source: commits are explicit {@code commit()} calls and
 * statements run in auto-commit mode (each its own transaction). Only for measurements: it changes the context.
 */
@TestConfiguration(proxyBeanMethods = false)
class StatementCounter {

    /** What one kind of thread sent. */
    static final class Tally {
        final LongAdder statements = new LongAdder();
        final LongAdder commits = new LongAdder();
        final LongAdder rollbacks = new LongAdder();
        final List<String> sql = new CopyOnWriteArrayList<>();
    }

    private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();
    private static volatile boolean recordSql;

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource data ? proxy(DataSource.class, data, (source, method, args) -> {
                    Object result = invoke(source, method, args);
                    return result instanceof Connection connection ? connection(connection) : result;
                }) : bean;
            }
        };
    }

    /** Forgets everything counted so far; records the SQL text too while {@code withSql}. */
    static void reset(boolean withSql) {
        TALLIES.clear();
        recordSql = withSql;
    }

    /** The tallies by kind of thread ({@link #kind}), sorted. */
    static Map<String, Tally> tallies() {
        return new TreeMap<>(TALLIES);
    }

    /** Request threads, the after-commit thread of held events, the outbox relay, the test, or anything else. */
    static String kind(String thread) {
        if (thread.startsWith("http-nio-")) {
            return "request";
        }
        if (thread.startsWith("intake-held-events")) {
            return "held-events";
        }
        if (thread.startsWith("outbox-relay")) {
            return "outbox-relay";
        }
        if (thread.equals("main")) {
            return "test-itself";
        }
        return "other";
    }

    private static Tally tally() {
        return TALLIES.computeIfAbsent(kind(Thread.currentThread().getName()), kind -> new Tally());
    }

    private static Connection connection(Connection real) throws java.sql.SQLException {
        boolean[] autoCommit = {real.getAutoCommit()};
        return proxy(Connection.class, real, (target, method, args) -> {
            switch (method.getName()) {
                case "setAutoCommit" -> autoCommit[0] = (Boolean) args[0];
                case "commit" -> tally().commits.increment();
                case "rollback" -> {
                    if (args == null) {
                        tally().rollbacks.increment();
                    }
                }
                default -> { }
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement) {
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                return statement(statement, sql, autoCommit, method.getReturnType());
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private static Statement statement(Statement real, String prepared, boolean[] autoCommit, Class<?> type) {
        return proxy((Class<Statement>) type, real, (target, method, args) -> {
            if (method.getName().startsWith("execute")) {
                Tally tally = tally();
                tally.statements.increment();
                if (autoCommit[0]) {
                    tally.commits.increment();
                }
                if (recordSql) {
                    String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : prepared;
                    tally.sql.add((method.getName().equals("executeBatch") ? "[batch] " : "")
                            + String.valueOf(sql).replaceAll("\\s+", " ").strip());
                }
            }
            return invoke(target, method, args);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> handler.invoke(target, method, args));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

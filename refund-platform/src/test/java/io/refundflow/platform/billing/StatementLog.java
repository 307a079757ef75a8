package io.refundflow.platform.billing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Wraps the application's data source so that a test sees each statement sent on it, from any thread (a listener's
 * too): its SQL, once per JDBC execution, a batch counting once. Only a context that imports it is watched.
 */
@TestConfiguration(proxyBeanMethods = false)
class StatementLog {

    private static final Queue<String> executed = new ConcurrentLinkedQueue<>();

    /** Forgets what was sent so far. */
    static void clear() {
        executed.clear();
    }

    /** What was sent since {@link #clear} that contains this text, in the order it was sent. */
    static List<String> on(String text) {
        return executed.stream().filter(sql -> sql.contains(text)).toList();
    }

    @Bean
    static BeanPostProcessor statementLoggingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource source ? wrap(DataSource.class, source, null) : bean;
            }
        };
    }

    /** A proxy of a data source, connection or statement; a statement knows the SQL it was prepared with. */
    @SuppressWarnings("unchecked")
    private static <T> T wrap(Class<T> type, T target, String prepared) {
        return (T) Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (target instanceof Statement && name.startsWith("execute")) {
                        executed.add(args != null && args.length > 0 && args[0] instanceof String sql ? sql
                                : String.valueOf(prepared));
                    }
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    Class<?> returned = method.getReturnType();
                    if (returned.isInterface() && (result instanceof Connection || result instanceof Statement)) {
                        String sql = target instanceof Connection && args != null && args.length > 0
                                && args[0] instanceof String text ? text : null;
                        return wrap((Class<Object>) returned, result, sql);
                    }
                    return result;
                });
    }
}

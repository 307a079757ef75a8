package io.refundflow.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.refundflow.testsupport.WithRealInfrastructure;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
@WithRealInfrastructure
class TextArraysTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aColumnReachesPostgresqlAsWrittenWhateverItsCharacters() {
        List<String> values = Arrays.asList("plain", "a,b", "{braces}", "\"quoted\"", "back\\slash", "NULL", "",
                " spaced ", "退款 申请", "emoji 💸", null, "x".repeat(5_000));

        List<String> read = unnest("select v from unnest(?::text[]) with ordinality as t(v, n) order by n", values);

        assertThat(read).containsExactlyElementsOf(values);
    }

    @Test
    void aColumnIsWrittenAsTheStatementCastsIt() {
        record Row(Instant at, BigDecimal amount) {
        }
        List<Row> rows = List.of(new Row(Instant.parse("2026-12-07T23:59:59.123456Z"), new BigDecimal("199.00")),
                new Row(null, new BigDecimal("0.01")));

        List<String> read = jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    select (at = '2026-12-07T23:59:59.123456Z'::timestamptz)::text || ' ' || (amount * 2)::text
                      from unnest(?::timestamptz[], ?::numeric[]) with ordinality as t(at, amount, n) order by n""");
            statement.setArray(1, TextArrays.column(statement, rows, Row::at));
            statement.setArray(2, TextArrays.column(statement, rows, Row::amount));
            return statement;
        }, (rs, i) -> rs.getString(1));

        assertThat(read).containsExactly("true 398.00", null);
    }

    @Test
    void valuesFindTheirRowsByAny() {
        List<String> read = unnest("select v from (values ('a'), ('b'), ('c')) as t(v) where v = any(?) order by v",
                List.of("c", "a", "z"));

        assertThat(read).containsExactly("a", "c");
    }

    private List<String> unnest(String sql, List<String> values) {
        List<String> read = new ArrayList<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setArray(1, TextArrays.of(statement, values));
            return statement;
        }, rs -> {
            read.add(rs.getString(1));
        });
        return read;
    }
}

package io.refundflow.platform.web.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

class DependencyOutageTest {

    @Test
    void aRollbackThatFailedBecauseTheServerEndedTheSessionIsAnOutage() {
        // given: what Spring throws when PostgreSQL terminated the session in the middle of a transaction: the
        // pool has closed the connection, so the rollback fails too and carries the statement's failure
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException("update failed",
                new SQLException("terminating connection due to administrator command", "57P01")));

        // when
        boolean outage = DependencyOutage.isOutage(rollbackFailed);

        // then
        assertThat(outage).isTrue();
    }

    @Test
    void aCommitThatFailedAndCouldNotEvenBeRolledBackIsAnOutage() {
        // given: what Spring throws when the session ends at the commit: the commit's failure is only logged,
        // and the rollback that follows fails on the connection the pool has closed meanwhile
        TransactionSystemException endingFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));

        // then
        assertThat(DependencyOutage.isOutage(endingFailed)).isTrue();
    }

    @Test
    void aSessionTerminatedByTheAdministratorIsAnOutage() {
        assertThat(DependencyOutage.isOutage(new IllegalStateException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void aRefusedLoginIsAnOutage() {
        assertThat(DependencyOutage.isOutage(new SQLException("role is not permitted to log in", "28000")))
                .isTrue();
    }

    @Test
    void aFailedRollbackAfterAnOrdinaryErrorIsNotAnOutage() {
        // given
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new IllegalArgumentException("a bug"));

        // then
        assertThat(DependencyOutage.isOutage(rollbackFailed)).isFalse();
    }

    @Test
    void aConstraintViolationIsNotAnOutage() {
        // given
        DataIntegrityViolationException duplicate = new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"));

        // then
        assertThat(DependencyOutage.isOutage(duplicate)).isFalse();
    }
}

package com.example.playground.support.twophase;

import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/** Every service with a database can be a participant of two-phase commit (docs/patterns/two-phase-commit.md). */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration")
@ConditionalOnBean({DataSource.class, PlatformTransactionManager.class})
public class TwoPhaseCommitAutoConfiguration {

    /** After the migrations: on PostgreSQL the role this service connects as is made by them (afterMigrate.sql). */
    @Bean
    @DependsOnDatabaseInitialization
    PreparedTransactions preparedTransactions(@Value("${spring.application.name:application}") String service,
            DataSource dataSource, PlatformTransactionManager transactions) {
        return new PreparedTransactions(service, dataSource, transactions);
    }

    @Bean
    PreparedTransactionsEndpoint preparedTransactionsEndpoint(PreparedTransactions prepared) {
        return new PreparedTransactionsEndpoint(prepared);
    }
}

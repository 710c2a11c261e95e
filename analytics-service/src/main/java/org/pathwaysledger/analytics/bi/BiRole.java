package org.pathwaysledger.analytics.bi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Defines the BI views and role ({@link BiViews}) and gives the role its password from configuration at every start, so the password lives in
 * the deployment's settings, not in a migration. Without a password the role cannot log in.
 */
@Component
@DependsOnDatabaseInitialization
public class BiRole {

    public static final String ROLE = "pathways_bi";
    private static final Logger log = LoggerFactory.getLogger(BiRole.class);

    /** The service's JDBC URL without its parameters (an embedded URL names the service's own user). */
    public static String jdbcUrlForBi(String serviceUrl) {
        return serviceUrl == null ? "" : serviceUrl.replaceFirst("\\?.*$", "");
    }

    public BiRole(JdbcClient jdbc, javax.sql.DataSource dataSource, @Value("${pathways.bi.password:}") String password,
                  @Value("${spring.datasource.url:}") String url) throws java.sql.SQLException {
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            BiViews.define(statement);
        }
        if (password == null || password.isBlank()) {
            jdbc.sql("alter role " + ROLE + " nologin").update();
            log.info("BI role {} cannot log in: set pathways.bi.password (PATHWAYS_BI_PASSWORD) to open the read-only analytics_bi schema", ROLE);
            return;
        }
        if (password.length() > 200) {
            throw new IllegalArgumentException("pathways.bi.password is longer than 200 characters");
        }
        // DDL takes no bind parameters: PostgreSQL itself quotes the password as a literal.
        String literal = jdbc.sql("select quote_literal(?)").param(password).query(String.class).single();
        jdbc.sql("alter role " + ROLE + " login password " + literal).update();
        log.info("BI tools (read-only, suppressed): connect to {} as {}, schema analytics_bi", jdbcUrlForBi(url), ROLE);
    }
}

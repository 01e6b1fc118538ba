package com.example.playground.order.shareddatabase;

import com.example.playground.support.faults.Faults;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class SharedDatabaseConfiguration {

    /**
     * On PostgreSQL only: the owner's account (playground.db.username), which sees every schema of the
     * database. With ./playground up --db postgres every service's schema is in one database;
     * docker-compose gives each service a database of its own, where this read finds no such table at
     * all. A connection per read, no pool: the switch is for demonstrations. On H2 each service has a
     * database file of its own, there is nothing to share, and the switch is not offered.
     */
    @Bean
    InventoryTables inventoryTables(Environment environment, Faults faults, JsonMapper json,
            @Value("${spring.datasource.url:}") String url,
            @Value("${playground.db.username:postgres}") String owner,
            @Value("${playground.db.password:}") String password,
            @Value("${playground.shared-database.inventory-schema:inventory}") String schema) {
        if (!environment.acceptsProfiles(Profiles.of("postgres"))) {
            return new InventoryTables(null, schema, faults, json);
        }
        return new InventoryTables(new DriverManagerDataSource(url, owner, password), schema, faults, json);
    }
}

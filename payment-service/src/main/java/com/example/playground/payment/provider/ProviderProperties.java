package com.example.playground.payment.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the simulated payment provider listens, and whether payment-service reaches it through a
 * sidecar ({@code playground.payment.provider.*}). The supervisor sets both when the stack runs the
 * sidecar, whose backend is that port.
 *
 * @param port       the provider's loopback port; 0 (the default) for any free one
 * @param sidecarUrl the sidecar proxy's address; empty (the default) for resilience in code
 */
@ConfigurationProperties("playground.payment.provider")
record ProviderProperties(int port, String sidecarUrl) {

    boolean throughSidecar() {
        return sidecarUrl != null && !sidecarUrl.isBlank();
    }
}

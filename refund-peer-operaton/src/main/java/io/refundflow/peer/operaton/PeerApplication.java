package io.refundflow.peer.operaton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark's peer: the refund flow as an Operaton user would build it (BPMN process, DMN decision table,
 * an asynchronous service task that sends the email). Settings and their defaults: application.yml.
 */
@SpringBootApplication
public class PeerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PeerApplication.class, args);
    }
}

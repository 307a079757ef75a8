/**
 * The portal's model: the customer's orders ({@link io.refundflow.portal.model.Order}, and whether a refund may be
 * asked for one), cases ({@link io.refundflow.portal.model.CaseSummary},
 * {@link io.refundflow.portal.model.CaseDetails} with its timeline and whether it waits for evidence) and the upload
 * limits, as refund-intake's API tells them. Plain Java: no Spring, JDBC or Kafka (the architecture test keeps it
 * so); {@code intake} reads them from the API and {@code pages} shows them.
 */
package io.refundflow.portal.model;

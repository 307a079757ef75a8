package io.refundflow.peer.operaton.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * The email task of refund.bpmn (${refundEmail}): tells the customer the decision over SMTP. It runs as a job
 * (asyncBefore), so a failed send is retried by the job executor. The headers name the refund and the process
 * instance, which the benchmark matches against what it submitted.
 */
@Component("refundEmail")
class RefundEmail implements JavaDelegate {

    static final String REFUND_HEADER = "X-Refund-Id";
    static final String INSTANCE_HEADER = "X-Process-Instance-Id";
    private static final Logger log = LoggerFactory.getLogger(RefundEmail.class);

    private final JavaMailSender mail;
    private final String from;

    RefundEmail(JavaMailSender mail, @Value("${refund.peer.mail-from}") String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void execute(DelegateExecution execution) throws MessagingException {
        String refundId = (String) execution.getVariable("refundId");
        String outcome = (String) execution.getVariable("outcome");
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper email = new MimeMessageHelper(message, "UTF-8");
        email.setFrom(from);
        email.setTo((String) execution.getVariable("customerEmail"));
        email.setSubject(subject(outcome, "zh".equals(execution.getVariable("locale"))) + " (" + refundId + ")");
        email.setText(body(execution, refundId, outcome));
        message.setHeader(REFUND_HEADER, refundId);
        message.setHeader(INSTANCE_HEADER, execution.getProcessInstanceId());
        mail.send(message);
        log.info("refund {} emailed ({})", refundId, outcome);
    }

    private static String subject(String outcome, boolean chinese) {
        return switch (outcome) {
            case "APPROVE" -> chinese ? "您的退款已批准" : "Your refund has been approved";
            case "REJECT" -> chinese ? "您的退款申请未获批准" : "Your refund request was not approved";
            default -> chinese ? "您的退款申请正在审核" : "Your refund request is under review";
        };
    }

    private static String body(DelegateExecution execution, String refundId, String outcome) {
        return "Refund ID: " + refundId + "\nOrder: " + execution.getVariable("orderId") + "\nOutcome: " + outcome
                + "\nRefund amount: " + String.format("%.2f", (Double) execution.getVariable("refund")) + " "
                + execution.getVariable("currency") + "\nReason: " + execution.getVariable("reasonCode") + "\n";
    }
}

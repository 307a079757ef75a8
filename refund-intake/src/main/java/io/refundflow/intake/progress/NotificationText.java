package io.refundflow.intake.progress;

import io.refundflow.events.NotificationStatus;
import io.refundflow.events.RefundNotified;

/**
 * What a customer reads on the NOTIFIED step: a plain sentence in their language ({@code zh} or {@code en}). A
 * failed send's detail is the mail server's reply, which names hosts and addresses: it stays with ops (the
 * notifier's and this service's logs, the event on {@code refund.notifications} in the ops dashboard).
 */
final class NotificationText {

    private static final String EMAIL = "EMAIL";

    private NotificationText() {
    }

    static String forCustomer(RefundNotified notified, String locale) {
        boolean chinese = "zh".equals(locale);
        boolean email = EMAIL.equals(notified.channel());
        if (notified.status() == NotificationStatus.SENT) {
            if (chinese) {
                return email ? "我们已通过电子邮件将结果通知您。" : "我们已将结果通知您。";
            }
            return email ? "We sent you the result by email." : "We sent you the result.";
        }
        if (chinese) {
            return email ? "我们未能向您发送电子邮件。结果显示在此页面上。" : "我们未能通知您。结果显示在此页面上。";
        }
        return email ? "We could not send you an email. The result is shown on this page."
                : "We could not reach you. The result is shown on this page.";
    }
}

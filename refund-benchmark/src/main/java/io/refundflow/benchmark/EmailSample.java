package io.refundflow.benchmark;

/**
 * A customer email of the size and shape the notifier sends (plain text and HTML alternatives, a Chinese and
 * English mix of characters), for the SMTP ceiling.
 */
final class EmailSample {

    static final String TEXT = """
            Hello,

            Good news: we have approved your refund request.

            Case number: RF-2026-000123
            Refund ID: r-2b1c6a9e-5d0f-4f55-9a43-0c1f5f7f5e21
            Order: o-201
            Refund amount: 199.00 CNY
            Reason: You applied within the guarantee period, so your payment is refunded in full.
            Decided on: 2026-11-23

            The money will reach your original payment method within 3-5 business days, by 2026-11-30 at the latest.

            Refundflow customer service
            This email was sent automatically about your case RF-2026-000123, refund r-2b1c6a9e. Please quote it if you contact us.
            您在交易担保期内提出申请，款项将全额退还。
            """;

    static final String HTML = """
            <!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><title>Your refund has been approved</title>
            <style>body{font-family:Arial,Helvetica,sans-serif;color:#222;line-height:1.5}table{border-collapse:collapse}
            td{padding:4px 12px 4px 0;vertical-align:top}.label{color:#666}.footer{color:#888;font-size:12px;margin-top:24px}
            </style></head><body><p>Hello,</p><p>Good news: we have approved your refund request.</p>
            <table><tr><td class="label">Case number</td><td>RF-2026-000123</td></tr>
            <tr><td class="label">Refund ID</td><td>r-2b1c6a9e-5d0f-4f55-9a43-0c1f5f7f5e21</td></tr>
            <tr><td class="label">Order</td><td>o-201</td></tr>
            <tr><td class="label">Refund amount</td><td><strong>199.00 CNY</strong></td></tr>
            <tr><td class="label">Reason</td><td>You applied within the guarantee period, so your payment is refunded in full.</td></tr>
            <tr><td class="label">Decided on</td><td>2026-11-23</td></tr></table>
            <p>The money will reach your original payment method within 3-5 business days, by 2026-11-30 at the latest.</p>
            <p>Refundflow customer service</p>
            <p class="footer">This email was sent automatically about your case RF-2026-000123, refund r-2b1c6a9e.
            Please quote it if you contact us.</p><p lang="zh">您在交易担保期内提出申请，款项将全额退还。</p></body></html>
            """;

    private EmailSample() {
    }
}

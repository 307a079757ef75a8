package io.refundflow.notifier.email;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Calendar arithmetic on business days (Monday to Friday; public holidays are not modelled). */
final class BusinessDays {

    private BusinessDays() {
    }

    /** The date {@code days} business days after {@code start}. */
    static LocalDate after(LocalDate start, int days) {
        LocalDate date = start;
        int left = days;
        while (left > 0) {
            date = date.plusDays(1);
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return date;
    }
}

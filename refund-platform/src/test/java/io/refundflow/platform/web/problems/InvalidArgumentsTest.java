package io.refundflow.platform.web.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;

class InvalidArgumentsTest {

    record Claim(String reason, String amount) {
    }

    @SuppressWarnings("unused")
    void submit(Claim claim) {
    }

    @Test
    void everyInvalidFieldAndObjectRuleIsNamedInAlphabeticalOrder() throws Exception {
        // given: a body whose amount and reason are invalid, and whose fields disagree with each other
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Claim("", "-1"), "claim");
        result.rejectValue("reason", "NotBlank", "must not be blank");
        result.rejectValue("amount", "Positive", "must be positive");
        result.addError(new ObjectError("claim", "amount and reason disagree"));
        Method submit = getClass().getDeclaredMethod("submit", Claim.class);
        MethodArgumentNotValidException invalid = new MethodArgumentNotValidException(
                new MethodParameter(submit, 0), result);

        // when
        var fields = InvalidArguments.of(invalid);

        // then
        assertThat(fields).containsExactly(new InvalidField("amount", "must be positive"),
                new InvalidField("claim", "amount and reason disagree"),
                new InvalidField("reason", "must not be blank"));
        assertThat(InvalidField.describe(fields))
                .isEqualTo("amount: must be positive; claim: amount and reason disagree; reason: must not be blank");
    }
}

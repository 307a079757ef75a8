package io.refundflow.platform.web.problems;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/** Bean Validation's findings on a request, as the fields a problem names. */
public final class InvalidArguments {

    private InvalidArguments() {
    }

    /**
     * Every invalid field of a request body, and every rule over the whole object (named by the object), in
     * the order of their names so that the same request is always answered alike.
     */
    public static List<InvalidField> of(MethodArgumentNotValidException invalid) {
        List<InvalidField> fields = new ArrayList<>();
        invalid.getBindingResult().getFieldErrors().forEach(error ->
                fields.add(new InvalidField(error.getField(), error.getDefaultMessage())));
        invalid.getBindingResult().getGlobalErrors().forEach(error ->
                fields.add(new InvalidField(error.getObjectName(), error.getDefaultMessage())));
        fields.sort(Comparator.comparing(InvalidField::field));
        return fields;
    }

    /** Every invalid parameter of a controller method (path variable, header, request parameter). */
    public static List<InvalidField> of(HandlerMethodValidationException invalid) {
        List<InvalidField> fields = new ArrayList<>();
        for (ParameterValidationResult result : invalid.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                fields.add(new InvalidField(name, error.getDefaultMessage()));
            }
        }
        return fields;
    }
}

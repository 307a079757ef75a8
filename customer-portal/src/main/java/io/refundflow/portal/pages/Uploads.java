package io.refundflow.portal.pages;

import io.refundflow.portal.intake.IntakeApi;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/** The files of a form, as the API gets them: a file input left empty sends one nameless, empty part, dropped here. */
final class Uploads {

    private Uploads() {
    }

    static List<IntakeApi.Upload> of(List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream()
                .filter(file -> file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank())
                .map(file -> new IntakeApi.Upload(file.getOriginalFilename(), file.getContentType(),
                        file.getResource()))
                .toList();
    }
}

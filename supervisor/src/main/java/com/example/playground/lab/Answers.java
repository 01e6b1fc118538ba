package com.example.playground.lab;

import java.util.List;
import java.util.regex.Pattern;

/** Reading what an attendee typed after {@code --answer}, forgivingly: "9 5", "9,5" and "9 and 5" say the same. */
final class Answers {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d+");

    private Answers() {
    }

    /** Every whole number in the text, in order. */
    static List<Integer> numbers(String text) {
        return WHOLE_NUMBER.matcher(text == null ? "" : text).results()
                .map(found -> found.group().length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(found.group()))
                .toList();
    }
}

package org.hotline.ivr.load;

import java.util.List;

/** A flow file that cannot run; each problem reads "file:line: where: what is wrong". */
public final class InvalidFlowException extends RuntimeException {

    private final List<String> problems;

    public InvalidFlowException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

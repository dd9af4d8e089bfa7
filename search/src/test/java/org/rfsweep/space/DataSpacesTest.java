package org.rfsweep.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rfsweep.constraint.ConstraintSet;

/** The bundled spaces load, compile, and have the sizes their comments and the README give. */
class DataSpacesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "default.json, 3111696, 4",
        "vgg.json, 98784, 2",
        "mobilenet.json, 5316610191984, 2",
        "dilated.json, 3999600, 3",
        "bench16.json, 402669288768856477614113920779288576, 0",
    })
    void shouldLoadEveryBundledSpace(String file, String size, int constraints) {
        Space space = SpaceLoader.load(Path.of("..", "data", "spaces", file));
        CompiledSpace compiled = CompiledSpace.compile(space);
        assertEquals(new BigInteger(size), compiled.size());
        ConstraintSet c = ConstraintSet.of(space, List.of());
        assertEquals(constraints, c.expressions().size());
        assertFalse(c.unsatisfiable(0));
    }
}

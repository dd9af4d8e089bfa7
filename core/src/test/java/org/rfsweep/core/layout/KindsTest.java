package org.rfsweep.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rfsweep.core.layout.Kinds.Key;

/** The kind table: names, traits, keys and how the evaluator steps each kind. */
class KindsTest {
    @Test
    void shouldFindEveryLayerByItsNameAndNoMarker() {
        int layers = 0;
        for (int op = 0; op < Kinds.SIZE; op++) {
            if (Kinds.known(op) && !Kinds.is(op, Kinds.MARKER)) {
                assertEquals(op, Kinds.layerCode(Kinds.name(op)), Kinds.name(op));
                layers++;
            }
        }
        assertEquals(23, layers);
        assertEquals(-1, Kinds.layerCode("add"));
        assertEquals(-1, Kinds.layerCode("|"));
        assertEquals("op#20", Kinds.name(20));
        assertEquals("op#-3", Kinds.name(-3));
    }

    @Test
    void shouldStepEachKindByItsTraitsAndRejectUnknownCodes() {
        assertEquals(Kinds.STEP_WINDOW, Kinds.step(Op.SEPCONV));
        assertEquals(Kinds.STEP_WINDOW, Kinds.step(Op.AVGPOOL));
        assertEquals(Kinds.STEP_REDUCE, Kinds.step(Op.FC));
        assertEquals(Kinds.STEP_REDUCE, Kinds.step(Op.FLATTEN));
        assertEquals(Kinds.STEP_REDUCE, Kinds.step(Op.ADAPTIVEAVGPOOL));
        assertEquals(Kinds.STEP_ELEMENTWISE, Kinds.step(Op.BN));
        assertEquals(Kinds.STEP_ELEMENTWISE, Kinds.step(Op.DROPPATH));
        assertEquals(Kinds.STEP_CHANNEL, Kinds.step(Op.SHUFFLE));
        assertEquals(Kinds.STEP_MARKER, Kinds.step(Op.END));
        assertEquals(Kinds.STEP_ELEMENTWISE, Kinds.step(Op.LAYERNORM));
        assertEquals(Kinds.STEP_ELEMENTWISE, Kinds.step(Op.GELU));
        assertEquals(Kinds.STEP_ELEMENTWISE, Kinds.step(Op.SCALE));
        assertEquals(2, Kinds.channelParams(Op.LAYERNORM));
        assertEquals(1, Kinds.channelParams(Op.SCALE));
        assertEquals(0, Kinds.channelParams(Op.GELU));
        for (int op : new int[] {-1, 19, 23, 28, 37, Kinds.SIZE, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertEquals(Kinds.STEP_INVALID, Kinds.step(op), "op " + op);
        }
    }

    @Test
    void shouldRequireAndExpandOnlyKeysThatAKindAccepts() {
        for (int op = 0; op < Kinds.SIZE; op++) {
            int keys = Kinds.keys(op);
            assertEquals(0, Kinds.requiredKeys(op) & ~keys, Kinds.name(op));
            assertEquals(0, Kinds.choiceKeys(op) & ~keys, Kinds.name(op));
        }
        assertEquals("k, s, p, d, c, g, bias", Key.list(Kinds.keys(Op.CONV)));
        assertEquals("k, c", Key.list(Kinds.requiredKeys(Op.CONV)));
        assertEquals("k, s, p, d, ceil", Key.list(Kinds.keys(Op.MAXPOOL)));
        assertEquals("k, s, p", Key.list(Kinds.choiceKeys(Op.MAXPOOL)));
        assertTrue(Kinds.takes(Op.FC, Key.BIAS));
        assertFalse(Kinds.takes(Op.AVGPOOL, Key.D));
    }

    @Test
    void shouldGiveABiasByDefaultOnlyToKindsWithWeights() {
        assertEquals(1, Kinds.defaultBias(Op.CONV));
        assertEquals(1, Kinds.defaultBias(Op.FC));
        assertEquals(0, Kinds.defaultBias(Op.MAXPOOL));
        assertEquals(0, Kinds.defaultBias(Op.BN));
        assertEquals(2, Kinds.channelParams(Op.BN));
        assertEquals(0, Kinds.channelParams(Op.RELU));
    }

    @Test
    void shouldMakeAPathGlobalOnlyForGlobalKindsAndAnAdaptivePoolToOneByOne() {
        int[] r = new int[Layer.INTS];
        Layer.clear(r, 0, Op.GAP);
        assertTrue(Kinds.makesGlobal(r, 0));
        Layer.clear(r, 0, Op.ADAPTIVEAVGPOOL);
        assertTrue(Kinds.makesGlobal(r, 0));
        r[Layer.KW] = 2;
        assertFalse(Kinds.makesGlobal(r, 0));
        Layer.clear(r, 0, Op.CONV);
        assertFalse(Kinds.makesGlobal(r, 0));
    }

    @Test
    void shouldListTheChoosableKindsInCodeOrder() {
        assertEquals("conv, dwconv, sepconv, maxpool, avgpool, gap, fc, bn, relu, relu6, hardswish, hardsigmoid,"
            + " sigmoid, silu, dropout or droppath", Kinds.names(Kinds.CHOICE, ", ", " or "));
    }
}

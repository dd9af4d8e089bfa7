/**
 * {@code rfsweep search}: the provably cheapest candidates of a design space that meet a
 * receptive-field target and the other constraints, and the Pareto front over (RF, cost).
 *
 * <h2>The problem</h2>
 * A candidate is a stem, per stage a depth and one choice-table entry per position, and a head
 * (see {@code CompiledSpace}). Constraints are the intervals of a {@code ConstraintSet} (the
 * sweep's {@code --where} language): on metrics fixed by the final shape (out_h, out_w, out_c,
 * stride_h, stride_w), and on additive ones (RF, minimum RF and effective padding per axis,
 * params, MACs, the FLOP conventions, activations, unproductive layers). The objective is one of
 * the exact counts ({@link org.rfsweep.search.Objective}). Results are ranked by objective, ties
 * by candidate index (the sweep's enumeration order), at any thread count.
 *
 * <h2>The algorithm (exact)</h2>
 * <ol>
 *   <li>{@link org.rfsweep.search.Graph}: one forward pass over abstract states, not candidates.
 *       The state after a prefix is (extent, channels, jump per axis, passed-a-global-op); every
 *       remaining count depends on the prefix only through it, and every additive quantity grows
 *       by an amount fixed by the state and the move ({@link org.rfsweep.search.Effect}: RF grows
 *       by {@code (r_block - 1) * jump}). A level is (stage, positions chosen); a stage of depth
 *       {@code d..D} may end at any level from {@code d}.</li>
 *   <li>{@link org.rfsweep.search.Bounds}: one backward pass: feasibility of the output shape,
 *       the least and most each constrained quantity can still grow, and (when affordable) the
 *       exact least cost to gain {@code rho} more RF from each state, for every {@code rho} below
 *       the target.</li>
 *   <li>A probe: the same search cut to a narrow beam per level, for an incumbent
 *       (the k-th best objective found).</li>
 *   <li>{@link org.rfsweep.search.LabelSearch}: dynamic programming over labels (a state plus the
 *       quantities), level by level, pruning a child when its move is invalid, when it makes a
 *       forbidden unproductive layer, when a bound shows no completion can pass, or when its
 *       objective bound exceeds the incumbent; then keeping, per state, only labels that fewer
 *       than k others dominate ({@link org.rfsweep.search.Dominance}).</li>
 *   <li>{@link org.rfsweep.search.Search}: decodes the final labels with the sweep's decoder,
 *       evaluates them with {@code StackEvaluator}, and checks that both agree to the integer.</li>
 * </ol>
 * Nothing is pruned that could be in the answer, so a search that is not stopped by
 * {@code --max-nodes} or {@code --time-limit} is proven optimal.
 *
 * <h2>The fallback</h2>
 * When the exact search cannot model a space (a branch block after a global layer on a map
 * larger than 1x1, or too many moves), {@link org.rfsweep.search.SampledSearch} runs seeded
 * sampling and local search, and the result says it is not proven.
 */
package org.rfsweep.search;

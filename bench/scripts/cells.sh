# The benchmark's MLP cells as the device-less scripts (hp_scan.sh, coverage.sh) walk them: one
# "HxI kind activation name" a word group, each shape of bench/shapes.c with its own MLP kind and
# activation, and the Llama-3-8B ReLU MLP. Source it; BENCH_CELLS is an array.
BENCH_CELLS=("4096x14336 gated silu llama3-8b" "4096x14336 plain relu llama3-8b-relu"
             "3584x18944 gated silu qwen2.5-7b" "2048x16384 gated gelu_tanh gemma-2b"
             "768x3072 plain gelu_tanh gpt2" "8192x3584 gated silu llama3-70b-tp8")

#!/bin/bash
# Thirteenth session: why NVIDIA's driver allowed the 32-register fmlp_stream_down only 256
# work-items. bench/scripts/wgsize.c prints CL_KERNEL_WORK_GROUP_SIZE for trivial kernels with
# and without reqd_work_group_size, local memory and a barrier; then the stream kernel asked
# for 512 threads at B=1 (fp32, f16) with the plan's own note. $1: output folder.
o=$1; b=${BUILD:-/tmp/bf}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader > $o/gpu.txt
cc bench/scripts/wgsize.c -lOpenCL -o /tmp/wgsize > $o/cc.txt 2>&1
/tmp/wgsize > $o/wgsize.txt 2>&1
for w in f32 f16; do
  FLASHMLP_OVERRIDES="strategy=stream wgs=512 kl=32 ti=32 vw=4 xc=2048" timeout 60 \
    $b/flashmlp run --weights $w --batch 1 --reps 3 --build-log > $o/stream512-$w.txt 2>&1
  grep -E "does not fit|^ +1 " $o/stream512-$w.txt | cut -c1-200
done
cat $o/gpu.txt $o/cc.txt $o/wgsize.txt

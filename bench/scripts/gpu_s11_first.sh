#!/bin/bash
# For the next session's first GPU call (written in the tenth session): the three A/Bs it left,
# in one call (one build): zs (gpu_s11_zs.sh) into zs/, sp (gpu_s11_sp.sh) into sp/, and q8_0
# at B=4/16/32 with mmav's whole-block loads (wl=1, q4_0's tile) against the H200's entry into
# q8wl.txt (on an H100 wl took q8_0 B=16 from 214 to 184 us; ninth session). About 8 minutes;
# tar the folder before it comes back (more than 8 files). $1: output folder; build in $BUILD.
o=$1; b=${BUILD:-/tmp/bf}
mkdir -p $o/zs $o/sp
export NO_TUNE=1 # the A/Bs only: tune in a later call what wins
timeout 260 bash bench/scripts/gpu_s11_zs.sh $o/zs > $o/zs/out.txt 2>&1
timeout 180 bash bench/scripts/gpu_s11_sp.sh $o/sp > $o/sp/out.txt 2>&1
WL="strategy=mmav wg=4 kw=4 fm=2 fb=2 ku=4 pf=0 dwg=8 dkw=8 dfb=2 dku=2 dpf=0 splits=4 iw=1 wl=1"
for r in 1 2; do
  for B in 4 16 32; do
    for v in entry wl; do
      ov=""; [ $v = wl ] && ov="$WL"
      FLASHMLP_OVERRIDES="$ov" timeout 60 $b/flashmlp run --weights q8_0 --batch $B --reps 9 \
        --check-rows 1 2>&1 | awk -v B=$B -v v=$v '$1 ~ /^[0-9]+$/ && NF > 5 {print "q8_0", B, v, $2 * 1000, "us err", $5}'
    done
  done
done > $o/q8wl.txt 2>&1
cat $o/zs/out.txt; cat $o/sp/out.txt; sort -k2,2n -k3,3 $o/q8wl.txt

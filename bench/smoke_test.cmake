# CTest "bench_smoke" (label bench): flashmlp-bench on a tiny gated and plain shape on the
# default device must exit 0 and write a CSV with the expected columns and one checked row per
# implementation and cell; bench/plot.py must draw it where python3 has matplotlib; and
# `flashmlp bench` must reach the same program.
#   cmake -DBENCH=<flashmlp-bench> -DOUT=<dir> [-DCLI=<flashmlp>] [-DPLOT=<plot.py>] -P smoke_test.cmake
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(
  COMMAND ${BENCH} --shapes custom:64x160 --ops swiglu,gelu_tanh+bias --batch 1,3 --reps 2
          --warmup 1 --csv ${OUT}/bench.csv --no-plot
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "flashmlp-bench exited with ${rc}")
endif()

file(STRINGS ${OUT}/bench.csv lines)
set(expected "shape,op,H,I,B,impl,time_us,min_us,reps,copies,gb_s,gflop_s,floor_us,pct_floor,speedup_vs_clblast,rel_error,check,strategy")
set(header "")
set(rows 0)
set(checked 0)
foreach(line IN LISTS lines)
  if(line MATCHES "^#")
    continue()
  endif()
  if(header STREQUAL "")
    set(header "${line}")
    continue()
  endif()
  math(EXPR rows "${rows} + 1")
  if(line MATCHES "^custom:64x160,(swiglu|gelu_tanh\\+bias),64,160,(1|3),(clblast|flashmlp),[0-9.]+,[0-9.]+,2,[0-9]+,.*,ok,\"")
    math(EXPR checked "${checked} + 1")
  elseif(NOT line MATCHES ",unfused,.*(,ok,|,n/a,)")
    message(FATAL_ERROR "unexpected CSV row: ${line}")
  endif()
endforeach()
if(NOT header STREQUAL expected)
  message(FATAL_ERROR "CSV header is\n  ${header}\nexpected\n  ${expected}")
endif()
# 2 ops x 2 batch sizes x 3 implementations; clblast and flashmlp timed and checked
if(NOT rows EQUAL 12 OR NOT checked EQUAL 8)
  message(FATAL_ERROR "expected 12 rows, 8 of them checked clblast/flashmlp rows; got ${rows} and ${checked}")
endif()

if(PLOT)
  find_program(PYTHON3 python3)
  if(PYTHON3)
    execute_process(COMMAND ${PYTHON3} ${PLOT} ${OUT}/bench.csv --out ${OUT}/bench.png
                    RESULT_VARIABLE prc OUTPUT_VARIABLE pout ERROR_VARIABLE perr)
    message("${pout}${perr}")
    if(prc EQUAL 0)
      if(NOT EXISTS ${OUT}/bench.png)
        message(FATAL_ERROR "plot.py exited 0 but wrote no ${OUT}/bench.png")
      endif()
    elseif(NOT prc EQUAL 3) # 3: matplotlib is not installed, which is allowed
      message(FATAL_ERROR "plot.py failed with ${prc}")
    endif()
  endif()
endif()

if(CLI)
  execute_process(COMMAND ${CLI} bench --list RESULT_VARIABLE crc OUTPUT_VARIABLE cout)
  if(NOT crc EQUAL 0 OR NOT cout MATCHES "llama3-8b")
    message(FATAL_ERROR "`flashmlp bench --list` failed (${crc}):\n${cout}")
  endif()
endif()
message("bench smoke test passed: ${rows} rows")

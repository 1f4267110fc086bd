# CTest "bench_smoke" (label bench): flashmlp-bench on a tiny gated and plain shape on the
# default device must exit 0 and write a CSV with the expected columns and one checked row per
# implementation and cell; a second run in a quantized weight format and f16 activations must
# give FlashMLP rows only, each checked, with its own floor and its speed-up over FlashMLP f32;
# bench/plot.py must draw both where python3 has matplotlib and print the formats table; and
# `flashmlp bench` must reach the same program.
#   cmake -DBENCH=<flashmlp-bench> -DOUT=<dir> [-DCLI=<flashmlp>] [-DPLOT=<plot.py>] -P smoke_test.cmake
cmake_policy(SET CMP0007 NEW) # lists keep their empty elements: CSV fields may be empty
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
set(expected "shape,op,H,I,B,impl,weights,acts,time_us,min_us,reps,burst,copies,gb_s,gflop_s,floor_us,pct_floor,speedup_vs_clblast,vs_f32,rel_error,check,strategy")
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
  if(line MATCHES "^custom:64x160,(swiglu|gelu_tanh\\+bias),64,160,(1|3),(clblast|flashmlp),f32,f32,[0-9.]+,[0-9.]+,2,[0-9]+,.*,ok,\"")
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

# Formats: f32 and q4_0 weights, f32 and f16 activations, on a shape whose H and I are
# multiples of Q4_0's block of 32. The CLBlast and unfused chains run for f32 and f32 only.
execute_process(
  COMMAND ${BENCH} --shapes custom:64x96 --ops swiglu --batch 1,3 --weights f32,q4_0
          --acts f32,f16 --reps 2 --warmup 1 --csv ${OUT}/formats.csv --no-plot
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "flashmlp-bench --weights f32,q4_0 --acts f32,f16 exited with ${rc}")
endif()
file(STRINGS ${OUT}/formats.csv lines)
set(header "")
set(frows 0)
foreach(k f32_f32 f32_f16 q4_0_f32 q4_0_f16)
  set(n_${k} 0)
endforeach()
foreach(line IN LISTS lines)
  if(line MATCHES "^#")
    continue()
  endif()
  if(header STREQUAL "")
    set(header "${line}")
    if(NOT header STREQUAL expected)
      message(FATAL_ERROR "formats CSV header is\n  ${header}\nexpected\n  ${expected}")
    endif()
    continue()
  endif()
  math(EXPR frows "${frows} + 1")
  # the columns before the quoted strategy: 0 shape ... 5 impl, 6 weights, 7 acts, 8 time_us,
  # 11 burst, 15 floor_us, 18 vs_f32, 19 rel_error, 20 check
  string(FIND "${line}" "\"" quote)
  string(SUBSTRING "${line}" 0 ${quote} head)
  string(REPLACE "," ";" f "${head}")
  list(GET f 0 shape)
  list(GET f 4 b)
  list(GET f 5 impl)
  list(GET f 6 weights)
  list(GET f 7 acts)
  list(GET f 8 time)
  list(GET f 15 floor)
  list(GET f 18 vsf32)
  list(GET f 20 check)
  if(NOT shape STREQUAL "custom:64x96" OR NOT check STREQUAL "ok" OR NOT time MATCHES "^[0-9.]+$"
     OR NOT weights MATCHES "^(f32|q4_0)$" OR NOT acts MATCHES "^(f32|f16)$")
    message(FATAL_ERROR "unexpected formats CSV row: ${line}")
  endif()
  if(NOT "${weights}/${acts}" STREQUAL "f32/f32" AND NOT impl STREQUAL "flashmlp")
    message(FATAL_ERROR "${impl} ran with weights ${weights}, acts ${acts}: ${line}")
  endif()
  if(impl STREQUAL "flashmlp")
    if(NOT vsf32 MATCHES "^[0-9.]+$")
      message(FATAL_ERROR "no vs_f32 in FlashMLP's row: ${line}")
    endif()
    if("${weights}/${acts}" STREQUAL "f32/f32" AND NOT vsf32 STREQUAL "1.000")
      message(FATAL_ERROR "FlashMLP f32 against itself is not 1.000: ${line}")
    endif()
    set(floor_${weights}_${acts}_${b} ${floor})
    math(EXPR n_${weights}_${acts} "${n_${weights}_${acts}} + 1")
  endif()
endforeach()
# (clblast, unfused, flashmlp) x 2 batch sizes in f32, flashmlp x 2 in the three others
if(NOT frows EQUAL 12 OR NOT n_f32_f32 EQUAL 2 OR NOT n_f32_f16 EQUAL 2 OR NOT n_q4_0_f32 EQUAL 2
   OR NOT n_q4_0_f16 EQUAL 2)
  message(FATAL_ERROR "expected 12 formats rows, 2 FlashMLP rows per format; got ${frows}")
endif()
# at B = 1 the floor is the weight stream: Q4_0's 18 bytes per 32 weights against fp32's 128
if(NOT floor_q4_0_f32_1 LESS floor_f32_f32_1)
  message(FATAL_ERROR "the q4_0 floor (${floor_q4_0_f32_1} us) is not below the f32 floor "
                      "(${floor_f32_f32_1} us) at B = 1")
endif()

if(PLOT)
  find_program(PYTHON3 python3)
  if(PYTHON3)
    foreach(name bench formats)
      execute_process(COMMAND ${PYTHON3} ${PLOT} ${OUT}/${name}.csv --out ${OUT}/${name}.png
                      RESULT_VARIABLE prc OUTPUT_VARIABLE pout ERROR_VARIABLE perr)
      message("${pout}${perr}")
      if(prc EQUAL 0)
        if(NOT EXISTS ${OUT}/${name}.png)
          message(FATAL_ERROR "plot.py exited 0 but wrote no ${OUT}/${name}.png")
        endif()
      elseif(NOT prc EQUAL 3) # 3: matplotlib is not installed, which is allowed
        message(FATAL_ERROR "plot.py ${name}.csv failed with ${prc}")
      endif()
    endforeach()
    # the side-by-side table names the cells whose time per batch row rises with B: here B=4
    # (7.50 us a row against 5.50 at B=2), not B=2 (5.50 against 10.00) and not the chain
    file(WRITE ${OUT}/rising.csv
         "# a fixture\nshape,op,H,I,B,impl,weights,acts,time_us,floor_us,check\n"
         "s,relu,8,8,1,flashmlp,f32,f32,10.0,5.0,ok\n"
         "s,relu,8,8,2,flashmlp,f32,f32,11.0,5.0,ok\n"
         "s,relu,8,8,4,flashmlp,f32,f32,30.0,5.0,ok\n"
         "s,relu,8,8,4,clblast,f32,f32,90.0,5.0,ok\n")
    execute_process(COMMAND ${PYTHON3} ${PLOT} ${OUT}/rising.csv --table text
                    RESULT_VARIABLE prc OUTPUT_VARIABLE pout ERROR_VARIABLE perr)
    message("${pout}${perr}")
    if(NOT prc EQUAL 0 OR NOT pout MATCHES "s relu B=4: 7.50 us a row against 5.50 at B=2"
       OR pout MATCHES "B=2: ")
      message(FATAL_ERROR "plot.py --table did not name the one rising cell (${prc})")
    endif()
    # the formats table needs no matplotlib
    execute_process(COMMAND ${PYTHON3} ${PLOT} ${OUT}/formats.csv --table formats
                    RESULT_VARIABLE prc OUTPUT_VARIABLE pout ERROR_VARIABLE perr)
    message("${pout}${perr}")
    if(NOT prc EQUAL 0 OR NOT pout MATCHES "q4_0 +f16")
      message(FATAL_ERROR "plot.py --table formats failed (${prc})")
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

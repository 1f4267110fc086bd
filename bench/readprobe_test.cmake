# CTest "readprobe_smoke": flashmlp-readprobe on two small sizes must exit 0 with one table row
# a size (it checks every run's sums itself and fails on a wrong one), the same for two row
# patterns and two tail forms, and it must refuse a bad size, a bad tail form, an unknown --load name, and (off NVIDIA) the PTX loads.
#   cmake -DPROBE=<flashmlp-readprobe> -P readprobe_test.cmake
execute_process(COMMAND ${PROBE} --sizes 1,2.5 --runs 3 --groups-per-cu 1
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "flashmlp-readprobe exited with ${rc}")
endif()
foreach(mb 1.0 2.5)
  if(NOT out MATCHES "\n\\| ${mb} \\| [0-9.]+ \\| [0-9.]+ / [0-9.]+ \\| [0-9.]+ / [0-9.]+ \\| [0-9.]+ / [0-9.]+")
    message(FATAL_ERROR "no timing row for ${mb} MB")
  endif()
endforeach()
# the rows pattern: two shapes, plain loads, a table row each (sums checked by the program)
execute_process(COMMAND ${PROBE} --sizes 2 --runs 3 --rows 16:1:4,128:2:2 --row-bytes 4096
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n\\| 16:1:4 plain \\| 8 \\|" OR
   NOT out MATCHES "\n\\| 128:2:2 plain \\| 122 \\|")
  message(FATAL_ERROR "flashmlp-readprobe --rows: exit ${rc}, or its rows are missing")
endif()
# the tail forms: two grids, each form's read sums and y checked by the program; a row each
# (the vector reductions only on NVIDIA, "-" elsewhere)
execute_process(COMMAND ${PROBE} --sizes 2 --runs 3 --tails 6:64,3:128 --outputs 256
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
set(t "[0-9.]+ / [0-9.]+")
if(NOT rc EQUAL 0 OR NOT out MATCHES "\n\\| 6:64 \\| ${t} \\| ${t} \\| ${t} \\|" OR
   NOT out MATCHES "\n\\| 3:128 \\| ${t} \\| ${t} \\| ${t} \\|")
  message(FATAL_ERROR "flashmlp-readprobe --tails: exit ${rc}, or its rows are missing")
endif()
execute_process(COMMAND ${PROBE} --sizes 1 --tails 4:48 RESULT_VARIABLE rc OUTPUT_QUIET
                ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "bad --tails form")
  message(FATAL_ERROR "--tails 4:48 was not refused (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${PROBE} --sizes 0 RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "bad size")
  message(FATAL_ERROR "--sizes 0 was not refused (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${PROBE} --sizes 1 --load nc-bogus RESULT_VARIABLE rc OUTPUT_QUIET
                ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "unknown --load name")
  message(FATAL_ERROR "--load nc-bogus was not refused (exit ${rc}): ${err}")
endif()
# the PTX loads: timed on NVIDIA (a table for each), refused elsewhere
execute_process(COMMAND ${PROBE} --sizes 1 --runs 3 --groups-per-cu 1 --load plain,nc-na
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(out MATCHES "NVIDIA")
  if(NOT rc EQUAL 0 OR NOT out MATCHES "loads: nc-na;")
    message(FATAL_ERROR "--load plain,nc-na on NVIDIA: exit ${rc}: ${out}${err}")
  endif()
elseif(rc EQUAL 0 OR NOT err MATCHES "NVIDIA devices only")
  message(FATAL_ERROR "--load nc-na off NVIDIA was not refused (exit ${rc}): ${err}")
endif()

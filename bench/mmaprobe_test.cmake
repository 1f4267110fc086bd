# CTest "mmaprobe_smoke": flashmlp-mmaprobe on the default device. On an NVIDIA card of compute
# capability 8.0+ it must exit 0 with a table row for each of the four instructions, each
# checked "ok" (the program compares every work-item's exact result); elsewhere it must refuse
# with exit 3 and say why. Bad options are refused either way.
#   cmake -DPROBE=<flashmlp-mmaprobe> -P mmaprobe_test.cmake
execute_process(COMMAND ${PROBE} --runs 3 --iters 64 --groups-per-cu 1
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(rc EQUAL 0)
  foreach(k "tf32 m16n8k8" "f16 m16n8k16" "bf16 m16n8k16" "s8 m16n8k32")
    if(NOT out MATCHES "\n\\| ${k} \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+ \\| ok \\|")
      message(FATAL_ERROR "no checked row for ${k}")
    endif()
  endforeach()
elseif(rc EQUAL 3)
  if(NOT err MATCHES "not an NVIDIA device of compute capability 8.0 or newer")
    message(FATAL_ERROR "exit 3 without the reason: ${err}")
  endif()
else()
  message(FATAL_ERROR "flashmlp-mmaprobe exited with ${rc}")
endif()
execute_process(COMMAND ${PROBE} --iters 0 RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "--iters 1-65536")
  message(FATAL_ERROR "--iters 0 was not refused (exit ${rc}): ${err}")
endif()
execute_process(COMMAND ${PROBE} --bogus RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 2 OR NOT err MATCHES "usage")
  message(FATAL_ERROR "--bogus was not refused (exit ${rc}): ${err}")
endif()

# Runs the aten suite with a JSON report and checks, for every registration,
# that a failing fake case (FAIL or xfail) has a failing symbolic case of the
# same data variant: symbolic mode traces on meta tensors as fake mode does,
# so it must fail wherever fake mode fails.
#
#   cmake -DSUITE=<gtest_fx_aten> -DREPORT=<out.json> -P check_fake_implies_symbolic.cmake
execute_process(COMMAND "${SUITE}" --gtest_brief=1 "--gtest_fx_report=${REPORT}"
  RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the aten suite failed (exit status ${status})")
endif()
file(READ "${REPORT}" json)
string(JSON count LENGTH "${json}" ops)
math(EXPR last "${count} - 1")
set(fake_failures 0)
set(violations "")
foreach(i RANGE ${last})
  string(JSON op GET "${json}" ops ${i} op)
  foreach(data original randomized)
    string(JSON fake ERROR_VARIABLE missing GET "${json}" ops ${i} cases
           fake_${data} verdict)
    if(missing OR NOT fake MATCHES "^(FAIL|xfail)$")
      continue()
    endif()
    math(EXPR fake_failures "${fake_failures} + 1")
    string(JSON symbolic GET "${json}" ops ${i} cases symbolic_${data} verdict)
    if(NOT symbolic MATCHES "^(FAIL|xfail)$")
      string(APPEND violations "  ${op}: fake_${data} ${fake}, symbolic_${data} ${symbolic}\n")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "fake failures that symbolic mode passes:\n${violations}")
endif()
message(STATUS "${count} registrations: all ${fake_failures} failing fake cases fail symbolic mode too")

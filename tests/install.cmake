# Tests of parley as a user gets it: the C header compiled as C; the
# installed package (headers, libparley.a, CMake config, pkg-config file)
# used by the examples/ projects, by the README's C++ snippet and by a plain
# compiler command, each configured and built from scratch against the
# prefix; and parley's source tree added to another project as a
# subdirectory, built as a shared library.

# parley.h must stay plain C99.
enable_language(C)
add_executable(parley_capi_c_smoke ${CMAKE_CURRENT_SOURCE_DIR}/unit/capi/c_smoke.c)
set_target_properties(parley_capi_c_smoke PROPERTIES C_STANDARD 99 C_STANDARD_REQUIRED ON C_EXTENSIONS OFF)
target_compile_options(parley_capi_c_smoke PRIVATE -Wall -Wextra -Wpedantic -Werror)
target_link_libraries(parley_capi_c_smoke PRIVATE parley)
add_test(NAME capi.c_smoke COMMAND parley_capi_c_smoke)

if(NOT PARLEY_INSTALL OR NOT TARGET parley_cli)
  return()
endif()

# One version, from project(VERSION).
add_test(NAME install.version COMMAND parley_cli --version)
set_tests_properties(install.version PROPERTIES
  PASS_REGULAR_EXPRESSION "^parley ${PROJECT_VERSION}\n$")

set(parley_prefix ${CMAKE_CURRENT_BINARY_DIR}/install/prefix)
add_test(NAME install.clean COMMAND ${CMAKE_COMMAND} -E rm -rf ${CMAKE_CURRENT_BINARY_DIR}/install)
add_test(NAME install.prefix
         COMMAND ${CMAKE_COMMAND} --install ${PROJECT_BINARY_DIR} --prefix ${parley_prefix})
set_tests_properties(install.clean PROPERTIES FIXTURES_SETUP parley_install_clean)
set_tests_properties(install.prefix PROPERTIES
  FIXTURES_SETUP parley_installed FIXTURES_REQUIRED parley_install_clean)

# A sanitized libparley.a needs the sanitizer runtime in whatever links it.
set(example_flags "")
if(PARLEY_SANITIZE)
  set(example_flags "-fsanitize=${PARLEY_SANITIZE}")
endif()

# parley_example(NAME DIR TEST_COMMAND...): configure, build and run an
# examples/ project against the installed package only.
function(parley_example name dir)
  add_test(NAME install.${name}
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${PROJECT_SOURCE_DIR}/examples/${dir} ${CMAKE_CURRENT_BINARY_DIR}/install/${dir}
      --build-generator ${CMAKE_GENERATOR}
      --build-noclean
      --build-options
        -DCMAKE_PREFIX_PATH=${parley_prefix}
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
        -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
        -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
        "-DCMAKE_CXX_FLAGS=${example_flags}"
      --test-command ${ARGN})
  set_tests_properties(install.${name} PROPERTIES FIXTURES_REQUIRED parley_installed)
endfunction()

parley_example(consumer consumer consumer 太贵了)

# parley_consumer(NAME DIR TEST_COMMAND...): the same for a project under
# tests/consumers/.
function(parley_consumer name dir)
  add_test(NAME install.${name}
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/consumers/${dir} ${CMAKE_CURRENT_BINARY_DIR}/install/${dir}
      --build-generator ${CMAKE_GENERATOR}
      --build-noclean
      --build-options
        -DCMAKE_PREFIX_PATH=${parley_prefix}
        -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
        -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
        -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
        "-DCMAKE_CXX_FLAGS=${example_flags}"
        -DREADME=${PROJECT_SOURCE_DIR}/README.md
      --test-command ${ARGN})
  set_tests_properties(install.${name} PROPERTIES FIXTURES_REQUIRED parley_installed)
endfunction()
parley_consumer(readme readme readme)

# pkg-config and a plain compiler command, as a Makefile would use them.
find_program(PARLEY_PKG_CONFIG pkg-config)
if(PARLEY_PKG_CONFIG)
  add_test(NAME install.pkg_config
    COMMAND sh -c "${CMAKE_CXX_COMPILER} -std=c++20 ${example_flags} -o consumer_pc ${PROJECT_SOURCE_DIR}/examples/consumer/main.cpp $(${PARLEY_PKG_CONFIG} --cflags --libs --static parley) && ./consumer_pc 太贵了 && test \"$(${PARLEY_PKG_CONFIG} --modversion parley)\" = ${PROJECT_VERSION}")
  set_tests_properties(install.pkg_config PROPERTIES
    FIXTURES_REQUIRED parley_installed
    WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/install
    ENVIRONMENT "PKG_CONFIG_PATH=${parley_prefix}/${CMAKE_INSTALL_LIBDIR}/pkgconfig")
endif()

# What is installed under share/.
add_test(NAME install.docs
  COMMAND ${CMAKE_COMMAND} -E cat ${parley_prefix}/${CMAKE_INSTALL_DOCDIR}/LICENSE
          ${parley_prefix}/${CMAKE_INSTALL_DOCDIR}/README.md)
set_tests_properties(install.docs PROPERTIES FIXTURES_REQUIRED parley_installed
  PASS_REGULAR_EXPRESSION "MIT License.*# parley")

# parley's source tree added to another project, as a shared library. It
# builds the library once more, so it runs in plain builds only: the
# sanitizer builds test the same code through the tests above.
if(NOT PARLEY_SANITIZE)
  add_test(NAME consumer.subdirectory
    COMMAND ${CMAKE_CTEST_COMMAND}
      --build-and-test ${CMAKE_CURRENT_SOURCE_DIR}/consumers/subdirectory ${CMAKE_CURRENT_BINARY_DIR}/subdirectory
      --build-generator ${CMAKE_GENERATOR}
      --build-noclean
      --build-options
        -DPARLEY_SOURCE_DIR=${PROJECT_SOURCE_DIR}
        -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
        -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
        -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
      --test-command ${CMAKE_CTEST_COMMAND} --output-on-failure)
  set_tests_properties(consumer.subdirectory PROPERTIES TIMEOUT 1500)
endif()
parley_example(policy_test policy-test policy_test)

# The same policy through the installed command, on its YAML scenarios.
file(GLOB policy_scenarios ${PROJECT_SOURCE_DIR}/examples/policy-test/scenarios/*.yaml)
add_test(NAME install.policy_scenarios
  COMMAND ${parley_prefix}/${CMAKE_INSTALL_BINDIR}/parley test
          --rules ${PROJECT_SOURCE_DIR}/examples/policy-test/rules ${policy_scenarios})
set_tests_properties(install.policy_scenarios PROPERTIES FIXTURES_REQUIRED parley_installed)

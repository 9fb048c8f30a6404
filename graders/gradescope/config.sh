# Settings for the Gradescope autograder. Edit these three lines, then zip this folder's files.
# The course repository and the exact commit whose checks grade the work (pin a commit, not a
# branch: the checks must not change under a running assignment). Each may be overridden from the
# environment, which is how scripts/course-cli/gradescope-recipe.test.ts runs setup.sh on a laptop.
COURSE_REPO="${COURSE_REPO:-https://github.com/your-org/http-clients-course.git}"
COURSE_REF="${COURSE_REF:-main}"
# Node.js for the grader; the course itself also pins Node 24 through its `node` devDependency.
NODE_VERSION="${NODE_VERSION:-24.11.1}"

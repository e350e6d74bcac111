#include <cstdio>

int main()
{
    std::puts("overlap: command line not built yet");
    return 3;
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>GanttColors</name>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="63"/>
        <source>running</source>
        <translation>executando</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="65"/>
        <source>waiting for I/O</source>
        <translation>esperando E/S</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="67"/>
        <source>waiting for a lock</source>
        <translation>esperando um lock</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="69"/>
        <source>waiting for the GIL</source>
        <translation>esperando o GIL</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="71"/>
        <source>ready, not running</source>
        <translation>pronta, sem executar</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="73"/>
        <source>retry backoff</source>
        <translation>espera antes de nova tentativa</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="75"/>
        <source>rate limit</source>
        <translation>limite de taxa</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="77"/>
        <source>worker start-up</source>
        <translation>início do worker</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="79"/>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <location filename="../ui/ganttcolors.cpp" line="81"/>
        <source>holds the GIL</source>
        <translation>detém o GIL</translation>
    </message>
</context>
<context>
    <name>GanttLegend</name>
    <message>
        <location filename="../ui/ganttlegend.cpp" line="39"/>
        <source>Selection: %1 — concurrency %2 (busy %3 in slices)</source>
        <translation>Seleção: %1 — concorrência %2 (ocupação %3 em fatias)</translation>
    </message>
    <message>
        <location filename="../ui/ganttlegend.cpp" line="42"/>
        <source>Selection: %1 — concurrency %2, parallelism %3 (busy %4 in tasks, %5 on a core)</source>
        <translation>Seleção: %1 — concorrência %2, paralelismo %3 (ocupação %4 em tarefas, %5 num núcleo)</translation>
    </message>
</context>
<context>
    <name>GanttPainter</name>
    <message>
        <location filename="../ui/ganttpainter.cpp" line="59"/>
        <source>Whole run</source>
        <translation>Execução inteira</translation>
    </message>
    <message>
        <location filename="../ui/ganttpainter.cpp" line="292"/>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ganttpainter.cpp" line="317"/>
        <source>%n segments</source>
        <translation>
            <numerusform>%n segmento</numerusform>
            <numerusform>%n segmentos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GanttTicks</name>
    <message>
        <location filename="../ui/ganttticks.cpp" line="30"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>ImageExport</name>
    <message>
        <location filename="../ui/imageexport.cpp" line="54"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="55"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="69"/>
        <source>makespan %1</source>
        <translation>makespan %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="70"/>
        <source>work %1</source>
        <translation>trabalho %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="74"/>
        <location filename="../ui/imageexport.cpp" line="305"/>
        <source>parallelism %1</source>
        <translation>paralelismo %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="75"/>
        <location filename="../ui/imageexport.cpp" line="306"/>
        <source>peak concurrency %1</source>
        <translation>concorrência máxima %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="76"/>
        <source>CPU utilisation %1 %</source>
        <translation>uso de CPU %1 %</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="80"/>
        <source>start-up %1</source>
        <translation>inicialização %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="81"/>
        <source>tasks %1</source>
        <translation>tarefas %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="72"/>
        <source>speedup %1× vs sequential</source>
        <translation>speedup %1× vs sequencial</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="73"/>
        <location filename="../ui/imageexport.cpp" line="303"/>
        <source>concurrency %1</source>
        <translation>concorrência %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="78"/>
        <source>ready %1</source>
        <translation>pronta %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="83"/>
        <source>%1 of %2 failed: no speedup, not ranked</source>
        <translation>%1 de %2 falharam: sem speedup, fora da classificação</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="85"/>
        <source>retries %1</source>
        <translation>novas tentativas %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="132"/>
        <location filename="../ui/imageexport.cpp" line="235"/>
        <location filename="../ui/imageexport.cpp" line="318"/>
        <location filename="../ui/imageexport.cpp" line="347"/>
        <source>&apos;%1&apos;: choose a .png, .svg or .pdf file name</source>
        <translation>&apos;%1&apos;: escolha um nome de arquivo .png, .svg ou .pdf</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="134"/>
        <location filename="../ui/imageexport.cpp" line="147"/>
        <location filename="../ui/imageexport.cpp" line="176"/>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>não foi possível gravar &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="217"/>
        <source>CPU cores: %1</source>
        <translation>núcleos de CPU: %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="219"/>
        <source>runs: %1</source>
        <translation>execuções: %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="237"/>
        <location filename="../ui/imageexport.cpp" line="320"/>
        <source>there is no run to draw</source>
        <translation>não há execução para desenhar</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="281"/>
        <location filename="../ui/imageexport.cpp" line="337"/>
        <source>lanes not drawn: %1</source>
        <translation>faixas não desenhadas: %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="299"/>
        <source>events %1</source>
        <translation>eventos %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="300"/>
        <source>lanes %1</source>
        <translation>faixas %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="301"/>
        <source>span %1</source>
        <translation>duração %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="302"/>
        <source>busy %1</source>
        <translation>ocupado %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="308"/>
        <source>slices never closed: %1</source>
        <translation>fatias nunca fechadas: %1</translation>
    </message>
    <message>
        <location filename="../ui/imageexport.cpp" line="310"/>
        <source>read up to byte %1</source>
        <translation>lido até o byte %1</translation>
    </message>
</context>
<context>
    <name>MetricTexts</name>
    <message>
        <location filename="../ui/metrictexts.cpp" line="9"/>
        <source>makespan</source>
        <translation>makespan</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="11"/>
        <source>work</source>
        <translation>trabalho</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="13"/>
        <source>speedup</source>
        <translation>speedup</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="15"/>
        <source>concurrency</source>
        <translation>concorrência</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="17"/>
        <source>parallelism</source>
        <translation>paralelismo</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="19"/>
        <source>peak</source>
        <translation>pico</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="21"/>
        <source>cpu</source>
        <translation>cpu</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="23"/>
        <source>util</source>
        <translation>uso</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="25"/>
        <source>running</source>
        <translation>executando</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="27"/>
        <source>ready</source>
        <translation>pronta</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="29"/>
        <source>io wait</source>
        <translation>espera de E/S</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="31"/>
        <source>lock wait</source>
        <translation>espera de lock</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="33"/>
        <source>gil wait</source>
        <translation>espera do GIL</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="35"/>
        <source>rate wait</source>
        <translation>espera de taxa</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="37"/>
        <source>backoff</source>
        <translation>backoff</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="39"/>
        <source>start-up</source>
        <translation>inicialização</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="41"/>
        <source>rss</source>
        <translation>rss</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="43"/>
        <source>tasks</source>
        <translation>tarefas</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="45"/>
        <source>failed</source>
        <translation>falhas</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="47"/>
        <source>retries</source>
        <translation>novas tentativas</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="49"/>
        <source>workers</source>
        <translation>workers</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="51"/>
        <source>gil</source>
        <translation>gil</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="53"/>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="64"/>
        <source>From the start of the run to the end of its last task (or its last failure).</source>
        <translation>Do início da execução ao fim da sua última tarefa (ou da sua última falha).</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="66"/>
        <source>The sum of the nominal durations of every step run, every attempt counted: what one worker alone would need.</source>
        <translation>A soma das durações nominais de todos os passos executados, contando todas as tentativas: o que um único worker precisaria.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="69"/>
        <source>Sequential makespan ÷ this makespan, against the sequential run of the same scenario. None for a run with failed tasks, or without a sequential run to compare with.</source>
        <translation>Makespan sequencial ÷ este makespan, contra a execução sequencial do mesmo cenário. Nenhum para uma execução com tarefas que falharam, ou sem execução sequencial para comparar.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="72"/>
        <source>Mean tasks in flight: the wall time of all steps ÷ the makespan. Waiting counts: ten tasks sleeping at once are a concurrency of 10 on one core.</source>
        <translation>Média de tarefas em andamento: o tempo de relógio de todos os passos ÷ o makespan. Esperar conta: dez tarefas dormindo ao mesmo tempo são uma concorrência de 10 num só núcleo.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="75"/>
        <source>Mean cores computing: the CPU time of all steps ÷ the makespan. At most the cores the run can use; at most 1 under the GIL or with fibers.</source>
        <translation>Média de núcleos calculando: o tempo de CPU de todos os passos ÷ o makespan. No máximo os núcleos que a execução pode usar; no máximo 1 sob o GIL ou com fibers.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="78"/>
        <source>The most steps in progress at one instant.</source>
        <translation>O maior número de passos em andamento num mesmo instante.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="80"/>
        <source>The CPU time the steps&apos; threads used, summed over every thread and process.</source>
        <translation>O tempo de CPU que as threads dos passos usaram, somado sobre todas as threads e processos.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="82"/>
        <source>CPU time ÷ (makespan × the machine&apos;s cores): how much of the machine the run kept busy.</source>
        <translation>Tempo de CPU ÷ (makespan × núcleos da máquina): quanto da máquina a execução manteve ocupado.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="84"/>
        <source>Time the tasks spent computing on a core, summed over tasks, as the timeline draws it.</source>
        <translation>Tempo que as tarefas passaram calculando num núcleo, somado sobre as tarefas, como a linha do tempo o desenha.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="86"/>
        <source>Time the tasks could have run but were off every core (another thread, process or program had them), or woke up late after a wait; recorded when it happened.</source>
        <translation>Tempo em que as tarefas poderiam rodar mas estavam fora de todos os núcleos (outra thread, processo ou programa os ocupava), ou acordaram atrasadas após uma espera; registrado quando aconteceu.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="89"/>
        <source>Time the tasks spent waiting for I/O (an io step, up to its nominal end).</source>
        <translation>Tempo que as tarefas passaram esperando E/S (um passo io, até o seu fim nominal).</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="91"/>
        <source>Time the tasks spent waiting for a lock another task held.</source>
        <translation>Tempo que as tarefas passaram esperando um lock que outra tarefa segurava.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="93"/>
        <source>Time the tasks spent waiting for the GIL while another thread held it.</source>
        <translation>Tempo que as tarefas passaram esperando o GIL enquanto outra thread o segurava.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="95"/>
        <source>Time the tasks spent waiting for the rate limiter before they could start.</source>
        <translation>Tempo que as tarefas passaram esperando o limitador de taxa antes de poderem começar.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="97"/>
        <source>Time the tasks spent waiting before a retry (exponential backoff).</source>
        <translation>Tempo que as tarefas passaram esperando antes de uma nova tentativa (backoff exponencial).</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="99"/>
        <source>From the start of the run until every worker was ready (for processes: spawning them).</source>
        <translation>Do início da execução até todos os workers estarem prontos (para processos: criá-los).</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="101"/>
        <source>Peak resident memory of Overlap&apos;s engine plus each worker process.</source>
        <translation>Pico de memória residente do motor do Overlap mais cada processo worker.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="103"/>
        <source>Task instances in the scenario.</source>
        <translation>Instâncias de tarefa no cenário.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="105"/>
        <source>Task instances whose last attempt failed. A run with failed tasks gets no speedup and is never ranked fastest.</source>
        <translation>Instâncias de tarefa cuja última tentativa falhou. Uma execução com tarefas que falharam não recebe speedup e nunca é classificada como a mais rápida.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="108"/>
        <source>Attempts that failed and were tried again.</source>
        <translation>Tentativas que falharam e foram repetidas.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="110"/>
        <source>Workers actually started: fibers in flight, threads or processes.</source>
        <translation>Workers de fato iniciados: fibers em andamento, threads ou processos.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="112"/>
        <source>Whether the threads ran under the emulated Python GIL.</source>
        <translation>Se as threads rodaram sob o GIL do Python emulado.</translation>
    </message>
    <message>
        <location filename="../ui/metrictexts.cpp" line="114"/>
        <source>How the tasks ran: one after another, as fibers on one thread (asyncio), on threads, or in child processes.</source>
        <translation>Como as tarefas rodaram: uma após a outra, como fibers numa só thread (asyncio), em threads ou em processos filhos.</translation>
    </message>
</context>
<context>
    <name>overlap::ui::ChartsView</name>
    <message>
        <location filename="../ui/chartsview.cpp" line="263"/>
        <source>Tasks in progress</source>
        <translation>Tarefas em andamento</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="250"/>
        <location filename="../ui/chartsview.cpp" line="251"/>
        <source>time (s)</source>
        <translation>tempo (s)</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="255"/>
        <source>Slices in progress (outermost, all threads)</source>
        <translation>Fatias em andamento (mais externas, todas as threads)</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="256"/>
        <source>slices</source>
        <translation>fatias</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="258"/>
        <source>Counters: none in this trace</source>
        <translation>Contadores: nenhum neste trace</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="259"/>
        <source>Counters</source>
        <translation>Contadores</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="260"/>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="264"/>
        <source>tasks</source>
        <translation>tarefas</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="266"/>
        <source>Task attempts started and not yet ended, over time; their mean over the run is close to the run&apos;s concurrency.</source>
        <translation>Tentativas de tarefa iniciadas e ainda não terminadas, ao longo do tempo; a média delas na execução é próxima da concorrência da execução.</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="268"/>
        <source>CPU utilisation (all cores)</source>
        <translation>Uso de CPU (todos os núcleos)</translation>
    </message>
    <message>
        <location filename="../ui/chartsview.cpp" line="270"/>
        <source>The time cpu steps were on a core, where it happened (as the Gantt draws them running), per 10 ms, ÷ the machine&apos;s cores. Its mean over the run is the run&apos;s parallelism ÷ cores.</source>
        <translation>O tempo em que os passos cpu estiveram num núcleo, onde aconteceu (como o Gantt os desenha executando), a cada 10 ms, ÷ os núcleos da máquina. A média na execução é o paralelismo da execução ÷ núcleos.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/chartsview.cpp" line="273"/>
        <source>% of %n core(s)</source>
        <translation>
            <numerusform>% de %n núcleo</numerusform>
            <numerusform>% de %n núcleos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>overlap::ui::CompareTableModel</name>
    <message>
        <location filename="../ui/comparetablemodel.cpp" line="50"/>
        <source>%1 of %2 failed</source>
        <translation>%1 de %2 falharam</translation>
    </message>
    <message>
        <location filename="../ui/comparetablemodel.cpp" line="108"/>
        <source>%1: this run did not complete every task, so its makespan is no result: it gets no speedup and is not ranked.</source>
        <translation>%1: esta execução não concluiu todas as tarefas, então seu makespan não é um resultado: ela não tem speedup e não entra na classificação.</translation>
    </message>
    <message>
        <location filename="../ui/comparetablemodel.cpp" line="112"/>
        <source>The fastest of the runs that completed every task.</source>
        <translation>A mais rápida das execuções que concluíram todas as tarefas.</translation>
    </message>
    <message>
        <location filename="../ui/comparetablemodel.cpp" line="135"/>
        <source>%1 (fastest)</source>
        <translation>%1 (mais rápido)</translation>
    </message>
    <message>
        <location filename="../ui/comparetablemodel.cpp" line="139"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../ui/comparetablemodel.cpp" line="139"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../ui/comparetablemodel.cpp" line="141"/>
        <location filename="../ui/comparetablemodel.cpp" line="143"/>
        <location filename="../ui/comparetablemodel.cpp" line="153"/>
        <location filename="../ui/comparetablemodel.cpp" line="157"/>
        <location filename="../ui/comparetablemodel.cpp" line="159"/>
        <location filename="../ui/comparetablemodel.cpp" line="161"/>
        <location filename="../ui/comparetablemodel.cpp" line="163"/>
        <location filename="../ui/comparetablemodel.cpp" line="165"/>
        <location filename="../ui/comparetablemodel.cpp" line="167"/>
        <location filename="../ui/comparetablemodel.cpp" line="169"/>
        <location filename="../ui/comparetablemodel.cpp" line="171"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/comparetablemodel.cpp" line="173"/>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
</context>
<context>
    <name>overlap::ui::CompareView</name>
    <message>
        <location filename="../ui/compareview.cpp" line="213"/>
        <source>makespan (ms)</source>
        <translation>makespan (ms)</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="214"/>
        <source>speedup vs sequential</source>
        <translation>speedup vs sequencial</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="233"/>
        <source>error</source>
        <translation>erro</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="235"/>
        <source>no speedup</source>
        <translation>sem speedup</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="237"/>
        <source>%1: %2 — its makespan is no result, so it gets no speedup and is not ranked.</source>
        <translation>%1: %2 — seu makespan não é um resultado, então não tem speedup e não entra na classificação.</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="239"/>
        <source>%1: the run failed (%2).</source>
        <translation>%1: a execução falhou (%2).</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="242"/>
        <source>no sequential run</source>
        <translation>sem execução sequencial</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="245"/>
        <source>fastest</source>
        <translation>mais rápido</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="286"/>
        <source>Makespan per model (ms, lower is better)</source>
        <translation>Makespan por modelo (ms, menor é melhor)</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="287"/>
        <source>Speedup vs sequential (higher is better)</source>
        <translation>Speedup vs sequencial (maior é melhor)</translation>
    </message>
    <message>
        <location filename="../ui/compareview.cpp" line="99"/>
        <location filename="../ui/compareview.cpp" line="292"/>
        <source>Run ▸ Compare all models runs the scenario under every model, one after another.</source>
        <translation>Executar ▸ Comparar todos os modelos executa o cenário em cada modelo, um após o outro.</translation>
    </message>
</context>
<context>
    <name>overlap::ui::ExampleTasks</name>
    <message>
        <location filename="../ui/exampletexts.cpp" line="95"/>
        <source>worker</source>
        <translation>trabalhador</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="96"/>
        <source>job</source>
        <translation>cálculo</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="97"/>
        <source>poller</source>
        <translation>sondagem</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="98"/>
        <source>crunch</source>
        <translation>cálculo_pesado</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="99"/>
        <source>download</source>
        <translation>download</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="100"/>
        <source>request</source>
        <translation>requisição</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="101"/>
        <source>report</source>
        <translation>relatório</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="102"/>
        <source>call</source>
        <translation>chamada</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="103"/>
        <source>flaky_api_call</source>
        <translation>chamada_api_instável</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="104"/>
        <source>parse</source>
        <translation>análise</translation>
    </message>
</context>
<context>
    <name>overlap::ui::Examples</name>
    <message>
        <location filename="../ui/exampletexts.cpp" line="19"/>
        <source>Thread-safe cache behind a lock</source>
        <translation>Cache thread-safe protegido por um lock</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="20"/>
        <source>The Python guide&apos;s ThreadSafeCache: ten threads call get_or_compute, which looks up and computes the value while holding the cache lock, then process the result outside it. Each worker holds the &quot;cache&quot; lock for 50 ms of CPU work and then waits 200 ms. The waits overlap, but the locked parts run one at a time: look at the lock-wait segments growing from one worker to the next (about 0.7 s in all instead of 2.5 s sequential). Computing inside the lock is what serialises the workers.</source>
        <translation>O ThreadSafeCache do guia de Python: dez threads chamam get_or_compute, que procura e calcula o valor segurando o lock do cache, e depois processam o resultado fora dele. Cada worker segura o lock &quot;cache&quot; por 50 ms de trabalho de CPU e depois espera 200 ms. As esperas se sobrepõem, mas as partes com lock rodam uma de cada vez: veja os segmentos de espera pelo lock crescendo de um worker para o seguinte (cerca de 0,7 s no total em vez de 2,5 s sequencial). Calcular dentro do lock é o que serializa os workers.</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="28"/>
        <source>CPU bound: 8 jobs</source>
        <translation>Limitado por CPU: 8 jobs</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="29"/>
        <source>The Python guide&apos;s CPU benchmark: eight calls of cpu_intensive(10_000_000), about 1 s of computation each. The guide claims ~8 s sequential, ~8 s with threads because of the GIL, and ~1 s with 8 processes on 8 cores. Here each job is 1 s of single-core work and the processes model starts one worker per job: the makespan is about 8 s divided by the number of cores (look at the CPU-core lanes). Switch to threads (the GIL is on) to see the jobs take turns on the GIL lane and the makespan stay near 8 s; fibers run them one after another, since CPU work never yields.</source>
        <translation>O benchmark de CPU do guia de Python: oito chamadas de cpu_intensive(10_000_000), cerca de 1 s de cálculo cada. O guia afirma ~8 s sequencial, ~8 s com threads por causa do GIL e ~1 s com 8 processos em 8 núcleos. Aqui cada job é 1 s de trabalho em um núcleo e o modelo de processos inicia um worker por job: o makespan é cerca de 8 s dividido pelo número de núcleos (veja as faixas por núcleo de CPU). Mude para threads (o GIL está ligado) para ver os jobs se revezarem na faixa do GIL e o makespan ficar perto de 8 s; as fibras os executam um após o outro, já que trabalho de CPU nunca cede a vez.</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="38"/>
        <source>GIL convoy</source>
        <translation>Comboio do GIL</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="39"/>
        <source>The Python guide&apos;s warning that the GIL stops threads from running CPU work in parallel, seen from the I/O side: one thread polls every 5 ms and needs the GIL for a moment (0.2 ms) after each wake-up, beside two threads computing for 2 s each. Every time the poller wakes it waits for the switch interval (5 ms) before the CPU threads drop the GIL, so its 100 cycles take about twice their nominal 0.52 s. Look at the GIL lane and at the poller&apos;s wait-for-GIL segments; turn the GIL off, or use processes, and the poller runs on time.</source>
        <translation>O alerta do guia de Python de que o GIL impede threads de executar trabalho de CPU em paralelo, visto do lado da E/S: uma thread consulta a cada 5 ms e precisa do GIL por um instante (0,2 ms) depois de cada despertar, ao lado de duas threads que calculam por 2 s cada. Cada vez que a thread de consulta acorda, ela espera o intervalo de troca (5 ms) até que as threads de CPU soltem o GIL, então seus 100 ciclos levam cerca do dobro dos 0,52 s nominais. Veja a faixa do GIL e os segmentos de espera pelo GIL da thread de consulta; desligue o GIL, ou use processos, e ela roda no tempo certo.</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="47"/>
        <source>I/O bound: 10 downloads</source>
        <translation>Limitado por E/S: 10 downloads</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="48"/>
        <source>The Python guide&apos;s I/O benchmark: ten requests to httpbin.org/delay/1, i.e. ten 1 s waits, with ThreadPoolExecutor(max_workers=10). The guide claims ~10 s sequential, ~1 s with threads or asyncio and 2-3 s with processes. Run &quot;Compare all models&quot;: threads and fibers overlap the ten waits (makespan about 1 s, speedup about 10), sequential takes 10 s, and processes also wait in parallel but pay for starting ten worker processes (see the start-up at the left of each lane).</source>
        <translation>O benchmark de E/S do guia de Python: dez requisições a httpbin.org/delay/1, isto é, dez esperas de 1 s, com ThreadPoolExecutor(max_workers=10). O guia afirma ~10 s sequencial, ~1 s com threads ou asyncio e 2-3 s com processos. Use &quot;Comparar todos os modelos&quot;: threads e fibras sobrepõem as dez esperas (makespan de cerca de 1 s, speedup de cerca de 10), o sequencial leva 10 s, e os processos também esperam em paralelo, mas pagam pela inicialização de dez processos worker (veja a inicialização à esquerda de cada faixa).</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="55"/>
        <source>Mixed workload: requests and parsing</source>
        <translation>Carga mista: requisições e análise</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="56"/>
        <source>The Python guide&apos;s advice for mixed work (asyncio for the I/O, run_in_executor or processes for the CPU part): six requests that each wait 800 ms and then parse the answer for 200 ms, plus two reports that compute for 500 ms and then write for 200 ms. 7.4 s sequential. With threads and the GIL on, the waits overlap but the CPU parts queue for the GIL; with fibers the CPU parts also block every waiting request (the event loop is busy); with processes both overlap. Compare all models and look at which model keeps the CPU-core lanes busy.</source>
        <translation>O conselho do guia de Python para trabalho misto (asyncio para a E/S, run_in_executor ou processos para a parte de CPU): seis requisições que esperam 800 ms cada e depois analisam a resposta por 200 ms, mais dois relatórios que calculam por 500 ms e depois escrevem por 200 ms. 7,4 s sequencial. Com threads e o GIL ligado, as esperas se sobrepõem, mas as partes de CPU fazem fila pelo GIL; com fibras as partes de CPU também bloqueiam todas as requisições em espera (o event loop está ocupado); com processos ambas se sobrepõem. Compare todos os modelos e veja qual deles mantém ocupadas as faixas por núcleo de CPU.</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="64"/>
        <source>Rate-limited API</source>
        <translation>API com limite de taxa</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="65"/>
        <source>The Python guide&apos;s AsyncRateLimiter: an asyncio.Semaphore(max_concurrent) plus a minimum interval between calls. Twenty 200 ms API calls, at most 10 in flight (workers 10) and 10 calls per second. Without the limiter they would all finish after about 0.4 s; with it, starts are spaced 100 ms apart, so the bars form a staircase and the run takes about 2.1 s. Set the rate to 0 to remove the limit and compare.</source>
        <translation>O AsyncRateLimiter do guia de Python: um asyncio.Semaphore(max_concurrent) mais um intervalo mínimo entre chamadas. Vinte chamadas de API de 200 ms, no máximo 10 simultâneas (workers 10) e 10 chamadas por segundo. Sem o limitador todas terminariam em cerca de 0,4 s; com ele, os inícios ficam espaçados de 100 ms, as barras formam uma escada e a execução leva cerca de 2,1 s. Ponha a taxa em 0 para remover o limite e compare.</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="73"/>
        <source>Retry with exponential backoff</source>
        <translation>Nova tentativa com backoff exponencial</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="74"/>
        <source>The Python guide&apos;s async_retry(max_attempts=3, backoff_factor=2.0): a flaky API call is retried after 1 s, then after 2 s. Six 300 ms calls fail 40 % of the time (decided by the seed, so every model fails the same attempts); with seed 2, three succeed at once, two succeed on a retry and one fails all three attempts. Look at the backoff segments growing from 1 s to 2 s, and at the other calls finishing normally while one fails for good, as with asyncio.gather(..., return_exceptions=True). A run therefore ends with one failed task.</source>
        <translation>O async_retry(max_attempts=3, backoff_factor=2.0) do guia de Python: uma chamada de API instável é repetida depois de 1 s e depois de 2 s. Seis chamadas de 300 ms falham 40 % das vezes (decidido pela semente, então todo modelo falha as mesmas tentativas); com a semente 2, três têm sucesso de imediato, duas têm sucesso numa nova tentativa e uma falha as três tentativas. Veja os segmentos de backoff crescendo de 1 s para 2 s, e as outras chamadas terminando normalmente enquanto uma falha de vez, como com asyncio.gather(..., return_exceptions=True). Por isso uma execução termina com uma tarefa com falha.</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="82"/>
        <source>Tarefa 1, 2 and 3</source>
        <translation>Tarefa 1, 2 e 3</translation>
    </message>
    <message>
        <location filename="../ui/exampletexts.cpp" line="83"/>
        <source>The Python guide&apos;s first example: asyncio.gather runs &quot;Tarefa 1&quot;, &quot;Tarefa 2&quot; and &quot;Tarefa 3&quot;, which sleep 2, 1 and 3 s. All three start at once and the run ends after about 3 s, the longest sleep, instead of the 6 s a plain loop needs; Tarefa 2 finishes first, then Tarefa 1, then Tarefa 3. Look at the three bars starting together, then compare with the sequential model (bars one after another) and with threads (same 3 s, as in the threading version of the example).</source>
        <translation>O primeiro exemplo do guia de Python: asyncio.gather executa &quot;Tarefa 1&quot;, &quot;Tarefa 2&quot; e &quot;Tarefa 3&quot;, que dormem 2, 1 e 3 s. As três começam juntas e a execução termina depois de cerca de 3 s, o sono mais longo, em vez dos 6 s de um laço simples; a Tarefa 2 termina primeiro, depois a Tarefa 1, depois a Tarefa 3. Veja as três barras começando juntas e compare com o modelo sequencial (barras uma após a outra) e com threads (os mesmos 3 s, como na versão com threading do exemplo).</translation>
    </message>
</context>
<context>
    <name>overlap::ui::GanttView</name>
    <message>
        <location filename="../ui/ganttview.cpp" line="56"/>
        <source>injected failure</source>
        <translation>falha injetada</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="58"/>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="60"/>
        <source>worker crashed</source>
        <translation>o worker travou</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="62"/>
        <source>worker hung</source>
        <translation>o worker parou de responder</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="64"/>
        <source>worker broke the protocol</source>
        <translation>o worker violou o protocolo</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="66"/>
        <source>worker could not start</source>
        <translation>o worker não pôde iniciar</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="68"/>
        <source>unknown reason</source>
        <translation>motivo desconhecido</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="229"/>
        <source>GIL</source>
        <translation>GIL</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="245"/>
        <source>task %1</source>
        <translation>tarefa %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="250"/>
        <source>main thread</source>
        <translation>thread principal</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="253"/>
        <source>fiber %1</source>
        <translation>fibra %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="256"/>
        <source>thread %1</source>
        <translation>thread %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="259"/>
        <source>process %1</source>
        <translation>processo %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="264"/>
        <source>CPU %1</source>
        <translation>CPU %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="388"/>
        <source>Run the scenario (F5) to watch its tasks here, or compare every model (Ctrl+F5).</source>
        <translation>Execute o cenário (F5) para ver as tarefas aqui, ou compare todos os modelos (Ctrl+F5).</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ganttview.cpp" line="576"/>
        <source>%n segments</source>
        <translation>
            <numerusform>%n segmento</numerusform>
            <numerusform>%n segmentos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="577"/>
        <source>from %1 to %2</source>
        <translation>de %1 a %2</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="578"/>
        <source>mostly: %1</source>
        <translation>principalmente: %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="586"/>
        <source>depth %1</source>
        <translation>profundidade %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="596"/>
        <source>%1, attempt %2</source>
        <translation>%1, tentativa %2</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="599"/>
        <source>step %1: %2</source>
        <translation>passo %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="607"/>
        <source>lock: %1</source>
        <translation>lock: %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="610"/>
        <source>reason: %1</source>
        <translation>motivo: %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="587"/>
        <location filename="../ui/ganttview.cpp" line="611"/>
        <source>start: %1</source>
        <translation>início: %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="588"/>
        <location filename="../ui/ganttview.cpp" line="612"/>
        <source>duration: %1</source>
        <translation>duração: %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="614"/>
        <source>CPU time of the step: %1</source>
        <translation>tempo de CPU do passo: %1</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="590"/>
        <location filename="../ui/ganttview.cpp" line="616"/>
        <source>thread %1 in process %2</source>
        <translation>thread %1 no processo %2</translation>
    </message>
    <message>
        <location filename="../ui/ganttview.cpp" line="618"/>
        <source>CPU core %1</source>
        <translation>núcleo de CPU %1</translation>
    </message>
</context>
<context>
    <name>overlap::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="181"/>
        <source>Unsaved changes</source>
        <translation>Alterações não salvas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="182"/>
        <source>The scenario has unsaved changes. Save them first?</source>
        <translation>O cenário tem alterações não salvas. Salvá-las antes?</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="211"/>
        <source>Running model %1 of %2…</source>
        <translation>Executando o modelo %1 de %2…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="216"/>
        <source>Comparison finished: every model ran the same scenario.</source>
        <translation>Comparação concluída: todos os modelos executaram o mesmo cenário.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="217"/>
        <source>Comparison stopped.</source>
        <translation>Comparação interrompida.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="221"/>
        <source>Fastest: %1, %2 ms.</source>
        <translation>Mais rápido: %1, %2 ms.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="225"/>
        <source>No run completed every task: none is ranked.</source>
        <translation>Nenhuma execução concluiu todas as tarefas: nenhuma entra na classificação.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="248"/>
        <source>Running %1…</source>
        <translation>Executando %1…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="264"/>
        <source>%1 / %2 tasks</source>
        <translation>%1 / %2 tarefas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="279"/>
        <source>The %1 run failed: %2</source>
        <translation>A execução %1 falhou: %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="281"/>
        <source>%1 stopped after %2 ms</source>
        <translation>%1 interrompido após %2 ms</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="284"/>
        <source>%1: %2 of %3 tasks failed (makespan %4 ms): no speedup</source>
        <translation>%1: %2 de %3 tarefas falharam (makespan %4 ms): sem speedup</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="328"/>
        <location filename="../ui/mainwindow.cpp" line="556"/>
        <source>Wait for the run or the import in progress to end, or stop it.</source>
        <translation>Espere a execução ou a importação em andamento terminar, ou interrompa-a.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="340"/>
        <source>Reading %1…</source>
        <translation>Lendo %1…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="355"/>
        <source>Reading %1 was cancelled</source>
        <translation>A leitura de %1 foi cancelada</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="357"/>
        <source>%1 holds no trace events</source>
        <translation>%1 não contém eventos de trace</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="359"/>
        <source>%1 is not a trace that can be shown</source>
        <translation>%1 não é um trace que possa ser mostrado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="395"/>
        <source>; %1 events of unsupported phases skipped</source>
        <translation>; %1 eventos de fases não suportadas ignorados</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="399"/>
        <source>%1
The events before byte %2 are shown.</source>
        <translation>%1
Os eventos antes do byte %2 são mostrados.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="414"/>
        <location filename="../ui/mainwindow.cpp" line="434"/>
        <source>The scenario cannot run: %1</source>
        <translation>O cenário não pode ser executado: %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="486"/>
        <source>%1 (example)</source>
        <translation>%1 (exemplo)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="504"/>
        <source>Every model on “%1”, workers: %2</source>
        <translation>Todos os modelos em “%1”, workers: %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="505"/>
        <source>Every model on “%1”, one worker per task</source>
        <translation>Todos os modelos em “%1”, um worker por tarefa</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="507"/>
        <location filename="../ui/mainwindow.cpp" line="527"/>
        <source> — the scenario has been edited since</source>
        <translation> — o cenário foi editado desde então</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="520"/>
        <source>Trace %1, recorded by another tool</source>
        <translation>Trace %1, gravado por outra ferramenta</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="524"/>
        <source>Run of “%1” — %2</source>
        <translation>Execução de “%1” — %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="618"/>
        <source>Opened the example %1 as a template: Save asks where to keep your copy.</source>
        <translation>O exemplo %1 foi aberto como modelo: Salvar pergunta onde guardar a sua cópia.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="677"/>
        <source>%1 is among Overlap&apos;s shipped examples, which stay as shipped: save your copy somewhere else.</source>
        <translation>%1 está entre os exemplos que acompanham o Overlap, que ficam como vieram: salve a sua cópia em outro lugar.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="733"/>
        <source>New scenario.</source>
        <translation>Novo cenário.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="742"/>
        <source>Open a scenario or a trace</source>
        <translation>Abrir um cenário ou um trace</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="743"/>
        <source>Scenarios and traces (*.json *.log);;Overlap scenarios (*.overlap.json);;Chrome Trace Event JSON (*.json *.log);;All files (*)</source>
        <translation>Cenários e traces (*.json *.log);;Cenários do Overlap (*.overlap.json);;Chrome Trace Event JSON (*.json *.log);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="65"/>
        <location filename="../ui/mainwindow.cpp" line="488"/>
        <source>Untitled</source>
        <translation>Sem título</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="627"/>
        <source>Opened %1</source>
        <translation>Aberto %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="332"/>
        <location filename="../ui/mainwindow.cpp" line="637"/>
        <source>cannot read %1</source>
        <translation>não foi possível ler %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="174"/>
        <source>%1 of %2 MB</source>
        <translation>%1 de %2 MB</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="695"/>
        <source>Saved %1</source>
        <translation>Salvo %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="186"/>
        <source>Save scenario</source>
        <translation>Salvar cenário</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="99"/>
        <source>scenario</source>
        <translation>cenario</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="187"/>
        <source>Overlap scenarios (*.overlap.json);;JSON files (*.json)</source>
        <translation>Cenários do Overlap (*.overlap.json);;Arquivos JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="290"/>
        <source>%1: makespan %2 ms, concurrency %3, parallelism %4, ready %5 ms, %6 failed</source>
        <translation>%1: makespan %2 ms, concorrência %3, paralelismo %4, pronta %5 ms, %6 falharam</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="379"/>
        <source>%1: %2 events, %3 lanes, %4 s, concurrency %5, peak concurrency %6</source>
        <translation>%1: %2 eventos, %3 faixas, %4 s, concorrência %5, concorrência máxima %6</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="387"/>
        <source>, parallelism %1</source>
        <translation>, paralelismo %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="390"/>
        <source>; slices never closed: %1</source>
        <translation>; fatias nunca fechadas: %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="770"/>
        <source>Export Chrome trace</source>
        <translation>Exportar trace do Chrome</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="770"/>
        <source>Export CSV</source>
        <translation>Exportar CSV</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="771"/>
        <source>Chrome Trace Event JSON (*.json)</source>
        <translation>Chrome Trace Event JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="771"/>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="778"/>
        <location filename="../ui/mainwindow.cpp" line="813"/>
        <source>Exported %1</source>
        <translation>Exportado %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="785"/>
        <source>Export the whole run</source>
        <translation>Exportar a execução inteira</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="785"/>
        <source>Export the view</source>
        <translation>Exportar a visualização</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="786"/>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>Imagem PNG (*.png);;Imagem SVG (*.svg);;Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="820"/>
        <source>Overlap</source>
        <translation>Overlap</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="852"/>
        <source>The translation for %1 could not be loaded.</source>
        <translation>Não foi possível carregar a tradução para %1.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="205"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="208"/>
        <source>&amp;New</source>
        <translation>&amp;Novo</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="209"/>
        <source>&amp;Open…</source>
        <translation>A&amp;brir…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="210"/>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="211"/>
        <source>&amp;Examples</source>
        <translation>E&amp;xemplos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="212"/>
        <source>&amp;Save</source>
        <translation>&amp;Salvar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="213"/>
        <source>Save &amp;As…</source>
        <translation>Salvar &amp;como…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="216"/>
        <source>The timeline as shown, with title, legend and metrics: PNG (2× pixel ratio), SVG or PDF</source>
        <translation>A linha do tempo como está na tela, com título, legenda e métricas: PNG (proporção de pixels 2×), SVG ou PDF</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="217"/>
        <source>Export &amp;Whole Run as Image…</source>
        <translation>Exportar execução in&amp;teira como imagem…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="219"/>
        <source>Every finished run whole, on one time scale, with title, legend and metrics: PNG, SVG or PDF</source>
        <translation>Cada execução terminada por inteiro, na mesma escala de tempo, com título, legenda e métricas: PNG, SVG ou PDF</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="220"/>
        <source>E&amp;xport Trace</source>
        <translation>Exportar &amp;trace</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="221"/>
        <source>Chrome Trace Event &amp;JSON (Perfetto)…</source>
        <translation>Chrome Trace Event &amp;JSON (Perfetto)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="222"/>
        <source>&amp;CSV (one row per step)…</source>
        <translation>&amp;CSV (uma linha por passo)…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="223"/>
        <source>&amp;Quit</source>
        <translation>Sai&amp;r</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="224"/>
        <source>&amp;Edit</source>
        <translation>E&amp;ditar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="199"/>
        <source>&amp;Undo</source>
        <translation>&amp;Desfazer</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="199"/>
        <source>&amp;Undo %1</source>
        <translation>&amp;Desfazer %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="200"/>
        <source>&amp;Redo</source>
        <translation>&amp;Refazer</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="200"/>
        <source>&amp;Redo %1</source>
        <translation>&amp;Refazer %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="206"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="207"/>
        <source>Stop reading the trace</source>
        <translation>Parar a leitura do trace</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="214"/>
        <source>Export &amp;Image…</source>
        <translation>Exportar &amp;imagem…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="226"/>
        <source>&amp;Add Task</source>
        <translation>&amp;Adicionar tarefa</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="227"/>
        <source>&amp;Remove Task</source>
        <translation>&amp;Remover tarefa</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="228"/>
        <location filename="../ui/mainwindowactions.cpp" line="229"/>
        <source>&amp;Run</source>
        <translation>&amp;Executar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="230"/>
        <source>Run the scenario with the toolbar&apos;s model (F5)</source>
        <translation>Executar o cenário com o modelo da barra de ferramentas (F5)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="231"/>
        <source>&amp;Stop</source>
        <translation>&amp;Parar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="232"/>
        <source>Stop the run in progress (Shift+F5)</source>
        <translation>Parar a execução em andamento (Shift+F5)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="233"/>
        <source>&amp;Compare All Models</source>
        <translation>&amp;Comparar todos os modelos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="234"/>
        <source>&amp;Model</source>
        <translation>&amp;Modelo</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="237"/>
        <source>Emulate the &amp;GIL (threads)</source>
        <translation>Emular o &amp;GIL (threads)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="239"/>
        <source>Run the scenario under sequential, fibers, threads, threads + GIL and processes (Ctrl+F5)</source>
        <translation>Executar o cenário em sequencial, fibras, threads, threads + GIL e processos (Ctrl+F5)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="240"/>
        <source>&amp;View</source>
        <translation>&amp;Visualizar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="241"/>
        <source>&amp;Lanes</source>
        <translation>&amp;Faixas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="242"/>
        <source>By &amp;Task</source>
        <translation>Por &amp;tarefa</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="243"/>
        <source>By &amp;Worker</source>
        <translation>Por &amp;worker</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="244"/>
        <source>By CPU &amp;Core</source>
        <translation>Por &amp;núcleo de CPU</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="245"/>
        <source>Follow &amp;Now</source>
        <translation>Seguir o &amp;agora</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="246"/>
        <source>&amp;Fit to Window</source>
        <translation>&amp;Ajustar à janela</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="247"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="248"/>
        <source>Main toolbar</source>
        <translation>Barra de ferramentas principal</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="249"/>
        <source>Scenario</source>
        <translation>Cenário</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="250"/>
        <source>A trace recorded by another tool has no scenario to edit or run.
File ▸ New, Open or Examples starts one; the trace then closes.</source>
        <translation>Um trace gravado por outra ferramenta não tem cenário para editar ou executar.
Arquivo ▸ Novo, Abrir ou Exemplos começa um; o trace então é fechado.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="252"/>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="253"/>
        <source>Compare</source>
        <translation>Comparação</translation>
    </message>
    <message>
        <location filename="../ui/mainwindowactions.cpp" line="255"/>
        <source>Ready. Press F5 to run the scenario.</source>
        <translation>Pronto. Pressione F5 para executar o cenário.</translation>
    </message>
</context>
<context>
    <name>overlap::ui::ModelNames</name>
    <message>
        <location filename="../ui/modelnames.cpp" line="14"/>
        <source>Sequential</source>
        <translation>Sequencial</translation>
    </message>
    <message>
        <location filename="../ui/modelnames.cpp" line="16"/>
        <source>Fibers (asyncio)</source>
        <translation>Fibras (asyncio)</translation>
    </message>
    <message>
        <location filename="../ui/modelnames.cpp" line="18"/>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <location filename="../ui/modelnames.cpp" line="20"/>
        <source>Processes</source>
        <translation>Processos</translation>
    </message>
    <message>
        <location filename="../ui/modelnames.cpp" line="31"/>
        <location filename="../ui/modelnames.cpp" line="41"/>
        <source> + GIL</source>
        <translation> + GIL</translation>
    </message>
    <message>
        <location filename="../ui/modelnames.cpp" line="38"/>
        <source>Fibers</source>
        <translation>Fibras</translation>
    </message>
</context>
<context>
    <name>overlap::ui::RecentFiles</name>
    <message>
        <location filename="../ui/recentfiles.cpp" line="47"/>
        <source>No recent files</source>
        <translation>Nenhum arquivo recente</translation>
    </message>
    <message>
        <location filename="../ui/recentfiles.cpp" line="51"/>
        <source>Clear list</source>
        <translation>Limpar lista</translation>
    </message>
</context>
<context>
    <name>overlap::ui::RunSettingsBar</name>
    <message>
        <location filename="../ui/runsettingsbar.cpp" line="89"/>
        <source>&amp;Model:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <location filename="../ui/runsettingsbar.cpp" line="91"/>
        <source>Execution model of the next run</source>
        <translation>Modelo de execução da próxima execução</translation>
    </message>
    <message>
        <location filename="../ui/runsettingsbar.cpp" line="92"/>
        <source>&amp;Workers:</source>
        <translation>&amp;Workers:</translation>
    </message>
    <message>
        <location filename="../ui/runsettingsbar.cpp" line="93"/>
        <source>one per task</source>
        <translation>um por tarefa</translation>
    </message>
    <message>
        <location filename="../ui/runsettingsbar.cpp" line="97"/>
        <source>Pool size (fibers: tasks in flight); 0 = one per task</source>
        <translation>Tamanho do pool (fibras: tarefas simultâneas); 0 = um por tarefa</translation>
    </message>
    <message>
        <location filename="../ui/runsettingsbar.cpp" line="98"/>
        <source>&amp;GIL</source>
        <translation>&amp;GIL</translation>
    </message>
    <message>
        <location filename="../ui/runsettingsbar.cpp" line="99"/>
        <source>Threads only: emulate CPython&apos;s global interpreter lock</source>
        <translation>Só threads: emular o global interpreter lock do CPython</translation>
    </message>
</context>
<context>
    <name>overlap::ui::ScenarioEditor</name>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="100"/>
        <source>Rename scenario</source>
        <translation>Renomear cenário</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="105"/>
        <source>Edit description</source>
        <translation>Editar descrição</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="195"/>
        <source>Change model</source>
        <translation>Mudar modelo</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="202"/>
        <source>Change workers</source>
        <translation>Mudar workers</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="209"/>
        <source>Toggle GIL</source>
        <translation>Ligar/desligar GIL</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="113"/>
        <source>Change switch interval</source>
        <translation>Mudar intervalo de troca</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="118"/>
        <source>Change rate limit</source>
        <translation>Mudar limite de taxa</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="123"/>
        <source>Change seed</source>
        <translation>Mudar semente</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="246"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="248"/>
        <source>&amp;Description:</source>
        <translation>&amp;Descrição:</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="250"/>
        <source>Model:</source>
        <translation>Modelo:</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="252"/>
        <source>Workers:</source>
        <translation>Workers:</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="253"/>
        <source>one per task</source>
        <translation>um por tarefa</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="257"/>
        <source>Pool size (fibers: tasks in flight); 0 = one per task</source>
        <translation>Tamanho do pool (fibras: tarefas simultâneas); 0 = um por tarefa</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="258"/>
        <source>GIL</source>
        <translation>GIL</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="259"/>
        <source>Threads only: emulate CPython&apos;s global interpreter lock</source>
        <translation>Só threads: emular o global interpreter lock do CPython</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="260"/>
        <source>Switch interval:</source>
        <translation>Intervalo de troca:</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="261"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="262"/>
        <source>Rate limit:</source>
        <translation>Limite de taxa:</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="263"/>
        <source>unlimited</source>
        <translation>ilimitado</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="264"/>
        <source> /s</source>
        <translation> /s</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="265"/>
        <source>Seed:</source>
        <translation>Semente:</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="266"/>
        <source>Tasks</source>
        <translation>Tarefas</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="267"/>
        <source>Add task</source>
        <translation>Adicionar tarefa</translation>
    </message>
    <message>
        <location filename="../ui/scenarioeditor.cpp" line="268"/>
        <source>Remove task</source>
        <translation>Remover tarefa</translation>
    </message>
</context>
<context>
    <name>overlap::ui::ScenarioTableModel</name>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="79"/>
        <source>task %1, %2: %3</source>
        <translation>tarefa %1, %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="90"/>
        <source>task %1</source>
        <translation>tarefa %1</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="92"/>
        <source>Add task</source>
        <translation>Adicionar tarefa</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="99"/>
        <source>Remove task</source>
        <translation>Remover tarefa</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="128"/>
        <source>expected a non-empty name</source>
        <translation>esperado um nome não vazio</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="130"/>
        <source>a name is at most %1 characters</source>
        <translation>um nome tem no máximo %1 caracteres</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="137"/>
        <source>expected a whole number from 1 to %1</source>
        <translation>esperado um número inteiro de 1 a %1</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="151"/>
        <source>expected a probability from 0 to 1</source>
        <translation>esperada uma probabilidade de 0 a 1</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="158"/>
        <source>expected a whole number from 1 to %1 (the first attempt included)</source>
        <translation>esperado um número inteiro de 1 a %1 (incluindo a primeira tentativa)</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="166"/>
        <source>expected a duration in ms (number ≥ 0)</source>
        <translation>esperada uma duração em ms (número ≥ 0)</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="173"/>
        <source>expected a backoff factor (number ≥ 1)</source>
        <translation>esperado um fator de backoff (número ≥ 1)</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="178"/>
        <source>no such column</source>
        <translation>coluna inexistente</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="208"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="210"/>
        <source>Count</source>
        <translation>Quantidade</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="212"/>
        <source>Steps</source>
        <translation>Passos</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="214"/>
        <source>Fail rate</source>
        <translation>Taxa de falha</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="216"/>
        <source>Attempts</source>
        <translation>Tentativas</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="218"/>
        <source>Retry after (ms)</source>
        <translation>Repetir após (ms)</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="220"/>
        <source>Backoff ×</source>
        <translation>Backoff ×</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="256"/>
        <source>Steps separated by commas, e.g. &quot;io 200, cpu 50 @cache, io 100&quot; (ms; @name holds a lock)</source>
        <translation>Passos separados por vírgulas, p. ex. &quot;io 200, cpu 50 @cache, io 100&quot; (ms; @nome segura um lock)</translation>
    </message>
    <message>
        <location filename="../ui/scenariotablemodel.cpp" line="286"/>
        <source>Edit %1 of task %2</source>
        <translation>Editar %1 da tarefa %2</translation>
    </message>
</context>
<context>
    <name>overlap::ui::TraceExporter</name>
    <message>
        <location filename="../ui/traceexporter.cpp" line="30"/>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>não foi possível gravar &apos;%1&apos;: %2</translation>
    </message>
    <message>
        <location filename="../ui/traceexporter.cpp" line="35"/>
        <source>writing &apos;%1&apos; failed: %2</source>
        <translation>a gravação de &apos;%1&apos; falhou: %2</translation>
    </message>
</context>
</TS>

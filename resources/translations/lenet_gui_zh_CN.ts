<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>value here</source>
        <translation>此处的值</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>讲义</translation>
    </message>
    <message>
        <source>agrees</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{0} steps; the seed&apos;s number differs in {1} (highlighted), each with the reason.</source>
        <translation>共 {0} 步；讲义中的数字有 {1} 处不同（已高亮），各附原因。</translation>
    </message>
    <message>
        <source>Seed 000: the mean-pool expansion, 4×4 → 8×8</source>
        <translation>讲义 000：平均池化的展开，4×4 → 8×8</translation>
    </message>
    <message>
        <source>δ of the pooled map (seed&apos;s C)</source>
        <translation>池化后特征图的 δ（讲义中的 C）</translation>
    </message>
    <message>
        <source>seed: &lt;i&gt;kron(δ, ones(2))&lt;/i&gt;</source>
        <translation>讲义：&lt;i&gt;kron(δ, ones(2))&lt;/i&gt;</translation>
    </message>
    <message>
        <source>engine: mean-pool backward</source>
        <translation>引擎：平均池化的反向传播</translation>
    </message>
    <message>
        <source>Seed 004: the C3 connection table ({0} kernels)</source>
        <translation>讲义 004：C3 连接表（{0} 个卷积核）</translation>
    </message>
    <message>
        <source>Highlighted: where seed 004&apos;s list &lt;i&gt;Cbn&lt;/i&gt; differs from the engine.</source>
        <translation>高亮处：讲义 004 的列表 &lt;i&gt;Cbn&lt;/i&gt; 与引擎不同的地方。</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>recomputed here</source>
        <translation>此处重算</translation>
    </message>
    <message>
        <source>engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>array {0}</source>
        <translation>数组 {0}</translation>
    </message>
    <message>
        <source>max {0:.1e}</source>
        <translation>最大 {0:.1e}</translation>
    </message>
    <message>
        <source>for the probe image</source>
        <translation>针对探针图片</translation>
    </message>
    <message>
        <source>Check: recomputed here beside the engine&apos;s own value</source>
        <translation>校验：此处重算的值与引擎自己的值并列</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权值</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>product</source>
        <translation>乘积</translation>
    </message>
    <message>
        <source>+ {0} more terms</source>
        <translation>+ 另外 {0} 项</translation>
    </message>
    <message>
        <source>Forward: u and f(u)</source>
        <translation>前向：u 与 f(u)</translation>
    </message>
    <message>
        <source>Under the connection table this map reads {0} maps {1} only; maps {2} are not connected.</source>
        <translation>按照连接表，这张特征图只读取 {0} 的特征图 {1}；特征图 {2} 不相连。</translation>
    </message>
    <message>
        <source>Backward: δ(u)</source>
        <translation>反向：δ(u)</translation>
    </message>
    <message>
        <source>From {0}: δ(f) = Σ&lt;sub&gt;j&lt;/sub&gt; w&lt;sub&gt;j,i&lt;/sub&gt; δ(u&lt;sub&gt;j&lt;/sub&gt;)</source>
        <translation>来自 {0}：δ(f) = Σ&lt;sub&gt;j&lt;/sub&gt; w&lt;sub&gt;j,i&lt;/sub&gt; δ(u&lt;sub&gt;j&lt;/sub&gt;)</translation>
    </message>
    <message>
        <source>the mask msk</source>
        <translation>掩码 msk</translation>
    </message>
    <message>
        <source>the coefficient a</source>
        <translation>系数 a</translation>
    </message>
    <message>
        <source>{0}[{1},{2}] pools this window of f, δ(u&lt;sup&gt;S&lt;/sup&gt;) = {3}; this unit is at position {4} (highlighted).</source>
        <translation>{0}[{1},{2}] 对 f 的这个窗口做池化，δ(u&lt;sup&gt;S&lt;/sup&gt;) = {3}；该神经元位于位置 {4}（已高亮）。</translation>
    </message>
    <message>
        <source>f under the window</source>
        <translation>窗口下的 f</translation>
    </message>
    <message>
        <source>received</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>did not receive</source>
        <translation>没有接收</translation>
    </message>
    <message>
        <source>This unit {0} the window&apos;s sensitivity (only the first maximum does).</source>
        <translation>该神经元{0}窗口的灵敏度（只有第一个最大值接收）。</translation>
    </message>
    <message>
        <source>The whole map, seed 000&apos;s picture ¼ δ(u&lt;sup&gt;S&lt;/sup&gt;) ⊗ &lt;b&gt;1&lt;/b&gt;&lt;sub&gt;2×2&lt;/sub&gt;:</source>
        <translation>整张特征图，即讲义 000 中的 ¼ δ(u&lt;sup&gt;S&lt;/sup&gt;) ⊗ &lt;b&gt;1&lt;/b&gt;&lt;sub&gt;2×2&lt;/sub&gt;：</translation>
    </message>
    <message>
        <source>Down to {0}: δ(f&lt;sub&gt;prev&lt;/sub&gt;) = {1} · δ(u)</source>
        <translation>向下传到 {0}：δ(f&lt;sub&gt;prev&lt;/sub&gt;) = {1} · δ(u)</translation>
    </message>
    <message>
        <source>window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Only the (first) maximum, {0} at position {1}, receives δ(u).</source>
        <translation>只有（第一个）最大值 {0}（位置 {1}）接收 δ(u)。</translation>
    </message>
    <message>
        <source>Full convolution from {0} maps {1}: the window of their δ(u) times the 180°-rotated kernel, summed.</source>
        <translation>来自 {0} 特征图 {1} 的全卷积：它们 δ(u) 的窗口乘以旋转 180° 的卷积核，再求和。</translation>
    </message>
    <message>
        <source>Maps {0} of {1} do not read this map under the connection table.</source>
        <translation>按照连接表，{1} 的特征图 {0} 不读取这张特征图。</translation>
    </message>
    <message>
        <source>δ(u) window</source>
        <translation>δ(u) 窗口</translation>
    </message>
    <message>
        <source>rot180(w)</source>
        <translation>旋转 180° 的 w</translation>
    </message>
    <message>
        <source>products</source>
        <translation>乘积</translation>
    </message>
    <message>
        <source>The other {0} maps (smaller sums): {1}</source>
        <translation>其余 {0} 张特征图（和较小）：{1}</translation>
    </message>
    <message>
        <source>δ(w), δ(b) {0}</source>
        <translation>δ(w)、δ(b) {0}</translation>
    </message>
    <message>
        <source>{0} smaller kernels not drawn (k = {1}).</source>
        <translation>未画出 {0} 个较小的卷积核（k = {1}）。</translation>
    </message>
    <message>
        <source>Largest of {0}: {1}</source>
        <translation>{0} 中最大的：{1}</translation>
    </message>
    <message>
        <source>δ(w), δ(b) for the batch the optimiser used</source>
        <translation>优化器所用批次的 δ(w)、δ(b)</translation>
    </message>
    <message>
        <source>The engine&apos;s values from the last training batch (the mean over its images); this is what the update used.</source>
        <translation>引擎在最近一个训练批次上的值（对其图片取平均）；更新用的就是它。</translation>
    </message>
    <message>
        <source>δ(w) is 0: this image sends no sensitivity through this weight (a switched-off ReLU, or an input of 0), so to first order the loss does not move.</source>
        <translation>δ(w) 为 0：这张图片没有灵敏度经过这个权值（ReLU 处于关闭状态，或输入为 0），所以一阶近似下损失不变。</translation>
    </message>
    <message>
        <source>What if {0}[{1}] changes by {2}?</source>
        <translation>如果 {0}[{1}] 改变 {2} 会怎样？</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>CompareBar</name>
    <message>
        <source>Show A</source>
        <translation>显示 A</translation>
    </message>
    <message>
        <source>Show B</source>
        <translation>显示 B</translation>
    </message>
    <message>
        <source>Key B switches between the runs</source>
        <translation>按 B 键在两次训练之间切换</translation>
    </message>
    <message>
        <source>both</source>
        <translation>两者</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>The run(s) Start, Pause, Stop and Reset act on</source>
        <translation>开始、暂停、停止和重置作用于哪次训练</translation>
    </message>
    <message>
        <source>End comparison</source>
        <translation>结束对比</translation>
    </message>
    <message>
        <source>Apply to</source>
        <translation>作用于</translation>
    </message>
</context>
<context>
    <name>CompareController</name>
    <message>
        <source>&amp;Compare with…</source>
        <translation>对比训练(&amp;C)…</translation>
    </message>
    <message>
        <source>Train a second run beside this one, one option changed</source>
        <translation>在这次训练旁边再训练一次，只改变一个选项</translation>
    </message>
    <message>
        <source>Switch between runs A and B</source>
        <translation>在训练 A 和 B 之间切换</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>无法对比</translation>
    </message>
    <message>
        <source>no data is loaded yet</source>
        <translation>尚未加载数据</translation>
    </message>
    <message>
        <source>A: {0} · B: {1} (pink on the curves)</source>
        <translation>A：{0} · B：{1}（曲线中的粉色）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run {0} has not reached step {1} yet.&lt;/b&gt;&lt;br&gt;It is at step {2}. Scrub back to step {2} or earlier, show run {3} (key B), or press Live.</source>
        <translation>&lt;b&gt;训练 {0} 还没有到达第 {1} 步。&lt;/b&gt;&lt;br&gt;它现在在第 {2} 步。请拖回第 {2} 步或更早，显示训练 {3}（B 键），或按“实时”。</translation>
    </message>
    <message>
        <source>Could not evaluate run B&apos;s test set</source>
        <translation>无法在测试集上评估训练 B</translation>
    </message>
    <message>
        <source>Cannot reset run B</source>
        <translation>无法重置训练 B</translation>
    </message>
    <message>
        <source>&lt;b&gt;Run B ({0}) diverged.&lt;/b&gt; {1} Run A goes on.</source>
        <translation>&lt;b&gt;训练 B（{0}）发散了。&lt;/b&gt;{1} 训练 A 继续进行。</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Run B failed</source>
        <translation>训练 B 失败</translation>
    </message>
    <message>
        <source>{0} smoothed</source>
        <translation>{0} 平滑</translation>
    </message>
    <message>
        <source>{0} test</source>
        <translation>{0} 测试</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Subsampling</source>
        <translation>下采样（池化）</translation>
    </message>
    <message>
        <source>C3 connection table</source>
        <translation>C3 连接表</translation>
    </message>
    <message>
        <source>Output layer</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>{0} ({1}: {2})</source>
        <translation>{0}（{1}：{2}）</translation>
    </message>
    <message>
        <source>Compare with…</source>
        <translation>对比训练…</translation>
    </message>
    <message>
        <source>Run B trains beside run A, in a process of its own, on the same data with the same seed and shuffling; only this option differs. Run A is not restarted.</source>
        <translation>训练 B 在自己的进程中与训练 A 并行：相同的数据、相同的随机种子和相同的打乱顺序，只有这一个选项不同。训练 A 不会重新开始。</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Run A has</source>
        <translation>训练 A 的取值</translation>
    </message>
    <message>
        <source>Run B takes</source>
        <translation>训练 B 的取值</translation>
    </message>
</context>
<context>
    <name>CompareStart</name>
    <message>
        <source>Run B starts from run A&apos;s initial weights at step 0; run A goes on from step {0}.</source>
        <translation>训练 B 从训练 A 第 0 步的初始权值开始；训练 A 从第 {0} 步继续。</translation>
    </message>
    <message>
        <source>Run A&apos;s initial weights are not known (it did not start at step 0 here): run B starts from run A&apos;s weights at step {0}.</source>
        <translation>训练 A 的初始权值未知（它不是在这里从第 0 步开始的）：训练 B 从训练 A 第 {0} 步的权值开始。</translation>
    </message>
    <message>
        <source>Run B starts from its own initial weights at step 0: the initialisation is what is compared.</source>
        <translation>训练 B 从自己的初始权值、第 0 步开始：对比的正是初始化方式。</translation>
    </message>
    <message>
        <source>Run B starts from its own initial weights at step 0: the two networks&apos; weights differ in shape.</source>
        <translation>训练 B 从自己的初始权值、第 0 步开始：两个网络的权值形状不同。</translation>
    </message>
    <message>
        <source>Run A goes on from step {0}. Run B starts from run A&apos;s initial weights at step 0, where the two networks&apos; weights have the same shape.</source>
        <translation>训练 A 从第 {0} 步继续。在两个网络的权值形状相同时，训练 B 从训练 A 第 0 步的初始权值开始。</translation>
    </message>
    <message>
        <source>Run A&apos;s initial weights are not known (it did not start at step 0 here): run B starts from run A&apos;s weights as they are when you press OK (step {0} now).</source>
        <translation>训练 A 的初始权值未知（它不是在这里从第 0 步开始的）：训练 B 从按下“确定”时训练 A 的权值开始（现在是第 {0} 步）。</translation>
    </message>
</context>
<context>
    <name>ConfusionMatrix</name>
    <message>
        <source>predicted class →</source>
        <translation>预测类别 →</translation>
    </message>
    <message>
        <source>← true class</source>
        <translation>← 真实类别</translation>
    </message>
    <message>
        <source> ({0:.1f}% of the true {1}s)</source>
        <translation>（占真实类别 {1} 的 {0:.1f}%）</translation>
    </message>
    <message>
        <source>correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>predicted {0}</source>
        <translation>预测为 {0}</translation>
    </message>
    <message>
        <source>true {0}, {1}: {2} images{3}</source>
        <translation>真实类别 {0}，{1}：{2} 张图片{3}</translation>
    </message>
</context>
<context>
    <name>ConfusionView</name>
    <message>
        <source>Train for an epoch (or press Refresh) to see the confusion matrix.</source>
        <translation>训练一轮（或按“刷新”）后即可看到混淆矩阵。</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Evaluate the whole test set with the current weights</source>
        <translation>用当前权值评估整个测试集</translation>
    </message>
    <message>
        <source>Click a cell to see its test images.</source>
        <translation>点击一个格子，查看其中的测试图片。</translation>
    </message>
    <message>
        <source>Rows are the true class, columns what the network answered; the diagonal is right. Colour is the share of each true class.</source>
        <translation>行是真实类别，列是网络的回答；对角线上是答对的。颜色表示占每个真实类别的比例。</translation>
    </message>
    <message>
        <source>Confusion matrix — test accuracy {0:.2f}% ({1} images, {2})</source>
        <translation>混淆矩阵 — 测试准确率 {0:.2f}%（{1} 张图片，{2}）</translation>
    </message>
    <message>
        <source>{0}: test accuracy {1:.2f}% ({2})</source>
        <translation>{0}：测试准确率 {1:.2f}%（{2}）</translation>
    </message>
    <message>
        <source>{0}: no test-set evaluation yet</source>
        <translation>{0}：尚未在测试集上评估</translation>
    </message>
    <message>
        <source>Confusion matrices — {0}</source>
        <translation>混淆矩阵 — {0}</translation>
    </message>
    <message>
        <source>test image #{0}: {1} with {2:.1f}% confidence — click to probe it</source>
        <translation>测试图片 #{0}：{1}，置信度 {2:.1f}% — 点击将其设为探针图片</translation>
    </message>
    <message>
        <source>correctly classified</source>
        <translation>分类正确</translation>
    </message>
    <message>
        <source>predicted {0}</source>
        <translation>预测为 {0}</translation>
    </message>
    <message>
        <source>&lt;b&gt;True {0}, {1}: {2} images&lt;/b&gt; (confidence under each). Click one to make it the probe image.</source>
        <translation>&lt;b&gt;真实类别 {0}，{1}：{2} 张图片&lt;/b&gt;（每张下方为置信度）。点击一张将其设为探针图片。</translation>
    </message>
</context>
<context>
    <name>ControlsPanel</name>
    <message>
        <source>scaled tanh (1998)</source>
        <translation>缩放 tanh（1998）</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Subsampling</source>
        <translation>下采样</translation>
    </message>
    <message>
        <source>C3 connections</source>
        <translation>C3 连接</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出层</translation>
    </message>
    <message>
        <source>Initialisation</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>{0} h {1:02d} min</source>
        <translation>{0} 小时 {1:02d} 分</translation>
    </message>
    <message>
        <source>{0} min {1:02d} s</source>
        <translation>{0} 分 {1:02d} 秒</translation>
    </message>
    <message>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <source>epoch –</source>
        <translation>第 – 轮</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Network (applied on Reset)</source>
        <translation>网络（按“重置”后生效）</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>{0}: applied when you press Reset</source>
        <translation>{0}：按“重置”后生效</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>The images to learn from; changing it loads them and resets</source>
        <translation>用于学习的图片；更改后会加载新数据并重置</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Images per SGD step (applied on Reset or at Start)</source>
        <translation>每个 SGD 步使用的图片数（按“重置”或“开始”时生效）</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Passes over the training set (applied on Reset or at Start)</source>
        <translation>遍历训练集的轮数（按“重置”或“开始”时生效）</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Distort training images</source>
        <translation>扭曲训练图片</translation>
    </message>
    <message>
        <source>Random small shifts, rotations and scalings of each batch (applied on Reset or at Start)</source>
        <translation>对每批图片做随机的小幅平移、旋转和缩放（按“重置”或“开始”时生效）</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>SGD momentum; changes live</source>
        <translation>SGD 动量；修改立即生效</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>This combination of options is not valid.</source>
        <translation>这组选项的组合无效。</translation>
    </message>
    <message>
        <source>Press Reset to build this network.</source>
        <translation>按“重置”以构建此网络。</translation>
    </message>
    <message>
        <source>epoch {0}/{1} · {2:.0%}</source>
        <translation>第 {0}/{1} 轮 · {2:.0%}</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>{0:,.0f} images/s</source>
        <translation>{0:,.0f} 张图片/秒</translation>
    </message>
    <message>
        <source>ETA {0}</source>
        <translation>剩余约 {0}</translation>
    </message>
    <message>
        <source>lr now {0:.3g}</source>
        <translation>当前学习率 {0:.3g}</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>step (×0.3 every 5 epochs)</source>
        <translation>阶梯（每 5 轮 ×0.3）</translation>
    </message>
    <message>
        <source>LeCun 1998 (the paper&apos;s steps)</source>
        <translation>LeCun 1998（论文中的阶梯）</translation>
    </message>
    <message>
        <source>cosine (down to 2%)</source>
        <translation>余弦（降到 2%）</translation>
    </message>
    <message>
        <source>Base learning rate (the schedule scales it); changes live</source>
        <translation>基础学习率（由调度缩放）；修改立即生效</translation>
    </message>
    <message>
        <source>How the learning rate changes over training: lr now = learning rate × the schedule&apos;s factor at that epoch. Applied on Reset or when training next starts (a paused run keeps its schedule)</source>
        <translation>学习率在训练中如何变化：当前学习率 = 学习率 × 该轮的调度系数。按“重置”或下次开始训练时生效（暂停的训练保持原调度）</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>L2 penalty: every step also shrinks each weight by lr × weight decay × weight. Applied on Reset or when training next starts (a paused run keeps its value)</source>
        <translation>L2 惩罚：每一步还会把每个权值缩小 学习率 × 权值衰减 × 权值。按“重置”或下次开始训练时生效（暂停的训练保持原值）</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权值衰减</translation>
    </message>
    <message>
        <source>lr now: the learning rate of the current step</source>
        <translation>当前学习率：当前这一步的学习率</translation>
    </message>
    <message>
        <source>lr now: the learning rate of the current step = learning rate {0:.3g} × schedule factor {1:.3g} (schedule: {2}; epoch {3:.2f})</source>
        <translation>当前学习率：当前这一步的学习率 = 学习率 {0:.3g} × 调度系数 {1:.3g}（调度：{2}；第 {3:.2f} 轮）</translation>
    </message>
</context>
<context>
    <name>CurvesWidget</name>
    <message>
        <source>training loss per batch</source>
        <translation>每批的训练损失</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>loss J</source>
        <translation>损失 J</translation>
    </message>
    <message>
        <source>per batch</source>
        <translation>每批</translation>
    </message>
    <message>
        <source>smoothed (EMA)</source>
        <translation>平滑（EMA）</translation>
    </message>
    <message>
        <source>accuracy per epoch (%)</source>
        <translation>每轮准确率（%）</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>train so far</source>
        <translation>训练（本轮至今）</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>A logarithmic loss axis: the first batches&apos; large loss does not flatten the rest</source>
        <translation>损失轴取对数：开头几批的大损失不会把其余部分压平</translation>
    </message>
</context>
<context>
    <name>DataController</name>
    <message>
        <source>generating the built-in digits (a few seconds)…</source>
        <translation>正在生成内置数字（需要几秒钟）…</translation>
    </message>
    <message>
        <source>loading {}…</source>
        <translation>正在加载 {}…</translation>
    </message>
    <message>
        <source>{} not found: waiting for your choice</source>
        <translation>未找到 {}：等待你的选择</translation>
    </message>
    <message>
        <source>&lt;b&gt;{}&lt;/b&gt;&lt;br&gt;Continuing with the built-in generated digits.</source>
        <translation>&lt;b&gt;{}&lt;/b&gt;&lt;br&gt;改用内置生成的数字继续。</translation>
    </message>
    <message>
        <source>Get MNIST…</source>
        <translation>获取 MNIST…</translation>
    </message>
    <message>
        <source>Choose where the images come from.</source>
        <translation>选择图片的来源。</translation>
    </message>
    <message>
        <source>Data — lenet-gui</source>
        <translation>数据 — lenet-gui</translation>
    </message>
    <message>
        <source>Data: {}</source>
        <translation>数据：{}</translation>
    </message>
    <message>
        <source>Data: {0} — {1} ({2:,} training / {3:,} test images)</source>
        <translation>数据：{0} — {1}（{2:,} 张训练图片 / {3:,} 张测试图片）</translation>
    </message>
</context>
<context>
    <name>DataDialog</name>
    <message>
        <source>built-in digits</source>
        <translation>内置数字</translation>
    </message>
    <message>
        <source>Looked for {0} in {1}.</source>
        <translation>已在 {1} 中查找 {0}。</translation>
    </message>
    <message>
        <source>not enough memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>download failed: {0}</source>
        <translation>下载失败：{0}</translation>
    </message>
    <message>
        <source>{0} not found — lenet-gui</source>
        <translation>未找到 {0} — lenet-gui</translation>
    </message>
    <message>
        <source>{0} — lenet-gui</source>
        <translation>{0} — lenet-gui</translation>
    </message>
    <message>
        <source>&lt;h3&gt;{0} was not found on this computer&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;在这台电脑上没有找到 {0}&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Where should the {0} images come from?&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;{0} 图片从哪里来？&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Download {0}&lt;/b&gt; fetches its four files (about {1:.0f} MB, from public mirrors, checked by MD5) into lenet-gui&apos;s cache folder, once.&lt;br&gt;&lt;b&gt;Choose folder…&lt;/b&gt; uses a copy you already have: a folder with the four &lt;i&gt;…-ubyte.gz&lt;/i&gt; files.&lt;br&gt;&lt;b&gt;Use built-in digits&lt;/b&gt; continues with generated digits, which work offline.</source>
        <translation>&lt;b&gt;下载 {0}&lt;/b&gt;：把它的四个文件（约 {1:.0f} MB，来自公共镜像，经 MD5 校验）下载到 lenet-gui 的缓存文件夹，只需一次。&lt;br&gt;&lt;b&gt;选择文件夹…&lt;/b&gt;：使用你已有的副本，即包含四个 &lt;i&gt;…-ubyte.gz&lt;/i&gt; 文件的文件夹。&lt;br&gt;&lt;b&gt;使用内置数字&lt;/b&gt;：改用生成的数字继续，无需联网。</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#888; font-size:small&apos;&gt;Starting lenet-gui from a terminal? &lt;tt&gt;--data DIR&lt;/tt&gt; opens a folder directly.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#888; font-size:small&apos;&gt;从终端启动 lenet-gui？&lt;tt&gt;--data DIR&lt;/tt&gt; 可直接打开一个文件夹。&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Download {0}</source>
        <translation>下载 {0}</translation>
    </message>
    <message>
        <source>Use built-in digits</source>
        <translation>使用内置数字</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>Cancel download</source>
        <translation>取消下载</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{0:.1f} of {1:.1f} MB · file {2} of {3} ({4})</source>
        <translation>{0:.1f} / {1:.1f} MB · 第 {2} 个文件，共 {3} 个（{4}）</translation>
    </message>
    <message>
        <source>{0:.1f} MB · file {1} of {2} ({3})</source>
        <translation>{0:.1f} MB · 第 {1} 个文件，共 {2} 个（{3}）</translation>
    </message>
    <message>
        <source>Folder with the four {0} files</source>
        <translation>包含四个 {0} 文件的文件夹</translation>
    </message>
    <message>
        <source>Technical details</source>
        <translation>技术细节</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <source>The files could not be saved on this computer.</source>
        <translation>文件无法保存到这台电脑上。</translation>
    </message>
    <message>
        <source>The download was damaged.</source>
        <translation>下载的文件已损坏。</translation>
    </message>
    <message>
        <source>The server did not answer.</source>
        <translation>服务器没有响应。</translation>
    </message>
    <message>
        <source>No internet connection?</source>
        <translation>没有连接互联网？</translation>
    </message>
    <message>
        <source>The download failed.</source>
        <translation>下载失败。</translation>
    </message>
    <message>
        <source>Free some disk space, or choose a folder that holds the files.</source>
        <translation>请释放一些磁盘空间，或选择一个包含这些文件的文件夹。</translation>
    </message>
    <message>
        <source>Try again later, choose a folder that holds the files, or use the built-in digits.</source>
        <translation>请稍后再试，或选择一个包含这些文件的文件夹，或使用内置数字。</translation>
    </message>
</context>
<context>
    <name>DerivationView</name>
    <message>
        <source>Derivation</source>
        <translation>推导</translation>
    </message>
    <message>
        <source>Click a unit in the network view: its forward step, δ(u) and δ(w), δ(b) appear here with the probe&apos;s numbers, each recomputed beside the engine&apos;s own value.</source>
        <translation>在网络视图中点击一个神经元：它的前向计算、δ(u) 以及 δ(w)、δ(b) 会带着探针图片的数字显示在这里，每个都与引擎自己的值并列重算。</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>导出 Markdown…</translation>
    </message>
    <message>
        <source>Worked examples…</source>
        <translation>讲义例题…</translation>
    </message>
    <message>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <source>Derivation — {0} ({1})</source>
        <translation>推导 — {0}（{1}）</translation>
    </message>
    <message>
        <source>Replay ready: press Next to start at {0}.</source>
        <translation>回放已就绪：按“下一步”从 {0} 开始。</translation>
    </message>
    <message>
        <source>{0} replay, stage {1} of {2}: {3} ({4})</source>
        <translation>{0}回放，第 {1}/{2} 阶段：{3}（{4}）</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>for the probe image</source>
        <translation>针对探针图片</translation>
    </message>
    <message>
        <source>no derivation to export: select a unit first</source>
        <translation>没有可导出的推导：请先选择一个神经元</translation>
    </message>
    <message>
        <source>Export the derivation</source>
        <translation>导出推导</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
</context>
<context>
    <name>DigitThumbnail</name>
    <message>
        <source>28 × 28</source>
        <translation>28 × 28</translation>
    </message>
</context>
<context>
    <name>DrawingPad</name>
    <message>
        <source>Draw a digit with the left mouse button</source>
        <translation>按住鼠标左键写一个数字</translation>
    </message>
    <message>
        <source>draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
</context>
<context>
    <name>EngineTexts</name>
    <message>
        <source>scaled tanh 1.7159 tanh(2u/3) (1998)</source>
        <translation>缩放 tanh：1.7159 tanh(2u/3)（1998）</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>sigmoid</translation>
    </message>
    <message>
        <source>trainable a*sum+b (1998)</source>
        <translation>可训练的 a*sum+b（1998）</translation>
    </message>
    <message>
        <source>max-pooling</source>
        <translation>最大池化</translation>
    </message>
    <message>
        <source>mean-pooling</source>
        <translation>平均池化</translation>
    </message>
    <message>
        <source>1998 table (60 kernels)</source>
        <translation>1998 年连接表（60 个卷积核）</translation>
    </message>
    <message>
        <source>full (96 kernels)</source>
        <translation>全连接（96 个卷积核）</translation>
    </message>
    <message>
        <source>softmax + cross-entropy</source>
        <translation>softmax + 交叉熵</translation>
    </message>
    <message>
        <source>sigmoid + squared error</source>
        <translation>sigmoid + 平方误差</translation>
    </message>
    <message>
        <source>f(F7) then softmax (seed 004)</source>
        <translation>先 f(F7) 再 softmax（讲义 004）</translation>
    </message>
    <message>
        <source>uniform +-2.4/fan_in (1998)</source>
        <translation>均匀分布 ±2.4/fan_in（1998）</translation>
    </message>
    <message>
        <source>He/LeCun normal</source>
        <translation>He/LeCun 正态分布</translation>
    </message>
    <message>
        <source>LeNet-5 structure, modern choices (ReLU, max-pool, full C3, softmax)</source>
        <translation>LeNet-5 结构，现代选择（ReLU、最大池化、全连接 C3、softmax）</translation>
    </message>
    <message>
        <source>LeNet-5 as in 1998 (scaled tanh, trainable subsampling, C3 table)</source>
        <translation>1998 年原版 LeNet-5（缩放 tanh、可训练下采样、C3 连接表）</translation>
    </message>
    <message>
        <source>seed 000: 6c5-mean2-12c5-mean2, sigmoid + squared error (28x28)</source>
        <translation>讲义 000：6c5-mean2-12c5-mean2，sigmoid + 平方误差（28x28）</translation>
    </message>
    <message>
        <source>seed 002: one conv + one max-pool, sigmoid + squared error (28x28)</source>
        <translation>讲义 002：一个卷积层 + 一个最大池化层，sigmoid + 平方误差（28x28）</translation>
    </message>
    <message>
        <source>built-in digits</source>
        <translation>内置数字</translation>
    </message>
    <message>
        <source>conv 5x5</source>
        <translation>卷积 5x5</translation>
    </message>
    <message>
        <source>conv 5x5, full</source>
        <translation>卷积 5x5，全连接</translation>
    </message>
    <message>
        <source>conv 5x5, 1998 table</source>
        <translation>卷积 5x5，1998 年连接表</translation>
    </message>
    <message>
        <source>subsampling 2x2, a*sum+b</source>
        <translation>下采样 2x2，a*sum+b</translation>
    </message>
    <message>
        <source>max-pool 2x2</source>
        <translation>最大池化 2x2</translation>
    </message>
    <message>
        <source>mean-pool 2x2</source>
        <translation>平均池化 2x2</translation>
    </message>
    <message>
        <source>full</source>
        <translation>全连接</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>the loss became infinite or NaN</source>
        <translation>损失变成了无穷大或 NaN</translation>
    </message>
    <message>
        <source>the loss became huge</source>
        <translation>损失变得极大</translation>
    </message>
    <message>
        <source>the training process is not running</source>
        <translation>训练进程没有在运行</translation>
    </message>
    <message>
        <source>the training process sent a damaged message</source>
        <translation>训练进程发来了损坏的消息</translation>
    </message>
    <message>
        <source>the training process was closed</source>
        <translation>训练进程已关闭</translation>
    </message>
    <message>
        <source>trainable subsampling</source>
        <translation>可训练下采样</translation>
    </message>
    <message>
        <source>convolution</source>
        <translation>卷积层</translation>
    </message>
    <message>
        <source>convolution, 1998 table</source>
        <translation>卷积层，1998 年连接表</translation>
    </message>
    <message>
        <source>convolution to 1x1 (fully connected)</source>
        <translation>卷积到 1x1（全连接）</translation>
    </message>
    <message>
        <source>fully connected</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <source>delta(a)</source>
        <translation>δ(a)</translation>
    </message>
    <message>
        <source>delta(b)</source>
        <translation>δ(b)</translation>
    </message>
    <message>
        <source>delta(f)</source>
        <translation>δ(f)</translation>
    </message>
    <message>
        <source>delta(f_prev)</source>
        <translation>δ(f_prev)</translation>
    </message>
    <message>
        <source>delta(u)</source>
        <translation>δ(u)</translation>
    </message>
    <message>
        <source>delta(w)</source>
        <translation>δ(w)</translation>
    </message>
    <message>
        <source>delta(a), batch</source>
        <translation>δ(a)（批次）</translation>
    </message>
    <message>
        <source>delta(b), batch</source>
        <translation>δ(b)（批次）</translation>
    </message>
    <message>
        <source>delta(w), batch</source>
        <translation>δ(w)（批次）</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
    <message>
        <source>{0}: file not found</source>
        <translation>{0}：文件不存在</translation>
    </message>
    <message>
        <source>{0}: permission denied</source>
        <translation>{0}：没有权限</translation>
    </message>
    <message>
        <source>{0}: is a folder, not an IDX file</source>
        <translation>{0}：是文件夹，不是 IDX 文件</translation>
    </message>
    <message>
        <source>data folder {0} does not exist</source>
        <translation>数据文件夹 {0} 不存在</translation>
    </message>
    <message>
        <source>data folder {0} is not a folder</source>
        <translation>数据文件夹 {0} 不是文件夹</translation>
    </message>
    <message>
        <source>data folder {0} is not readable ({1})</source>
        <translation>数据文件夹 {0} 无法读取（{1}）</translation>
    </message>
    <message>
        <source>{0} files missing in {1}: {2}</source>
        <translation>{1} 中缺少 {0} 文件：{2}</translation>
    </message>
    <message>
        <source>{0} not found (looked in {1})</source>
        <translation>未找到 {0}（已在 {1} 中查找）</translation>
    </message>
    <message>
        <source>{0}: truncated gzip data (the file ends too early)</source>
        <translation>{0}：gzip 数据被截断（文件提前结束）</translation>
    </message>
    <message>
        <source>{0}: corrupt gzip data ({1})</source>
        <translation>{0}：gzip 数据已损坏（{1}）</translation>
    </message>
    <message>
        <source>Training diverged at step {0} (epoch {1}): {2} with learning rate {3}. The weights from before that step are kept; lower the learning rate, or reset.</source>
        <translation>训练在第 {0} 步（第 {1} 轮）发散：学习率为 {3} 时{2}。已保留这一步之前的权值；请降低学习率，或重置。</translation>
    </message>
    <message>
        <source>{0} became infinite or NaN</source>
        <translation>{0} 变成了无穷大或 NaN</translation>
    </message>
    <message>
        <source>one step changed {0} by {1}x its own size</source>
        <translation>一步就使 {0} 改变了其自身大小的 {1} 倍</translation>
    </message>
    <message>
        <source>Training stopped: {0}.</source>
        <translation>训练已停止：{0}。</translation>
    </message>
    <message>
        <source>the training process ended unexpectedly (exit code {0})</source>
        <translation>训练进程意外结束（退出码 {0}）</translation>
    </message>
    <message>
        <source>the training process stopped responding (nothing for {0} s) and was ended</source>
        <translation>训练进程已无响应（{0} 秒没有任何消息），已将其结束</translation>
    </message>
    <message>
        <source>download of {0} cancelled</source>
        <translation>{0} 的下载已取消</translation>
    </message>
    <message>
        <source>could not download {0}: {1}</source>
        <translation>无法下载 {0}：{1}</translation>
    </message>
    <message>
        <source>cannot save {0}: {1}</source>
        <translation>无法保存 {0}：{1}</translation>
    </message>
    <message>
        <source>{0} is empty, not a lenet-gui checkpoint</source>
        <translation>{0} 是空文件，不是 lenet-gui 检查点</translation>
    </message>
    <message>
        <source>{0} is not a lenet-gui checkpoint (not an .npz archive)</source>
        <translation>{0} 不是 lenet-gui 检查点（不是 .npz 归档）</translation>
    </message>
    <message>
        <source>the learning rate must be a number, not {0}</source>
        <translation>学习率必须是数字，不能是 {0}</translation>
    </message>
    <message>
        <source>the batch size must be a whole number, not {0}</source>
        <translation>批大小必须是整数，不能是 {0}</translation>
    </message>
    <message>
        <source>the learning rate must be a number of 0 or more, not {0}</source>
        <translation>学习率必须是不小于 0 的数，不能是 {0}</translation>
    </message>
    <message>
        <source>the batch size must be a whole number of at least 1, not {0}</source>
        <translation>批大小必须是不小于 1 的整数，不能是 {0}</translation>
    </message>
    <message>
        <source>built-in generated digits (seed {0})</source>
        <translation>内置生成的数字（随机种子 {0}）</translation>
    </message>
    <message>
        <source>{0} (cache {1})</source>
        <translation>{0}（缓存 {1}）</translation>
    </message>
    <message>
        <source>{0} from {1}</source>
        <translation>{0}，来自 {1}</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>output ({0})</source>
        <translation>输出层（{0}）</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <source>no space left on the disk</source>
        <translation>磁盘空间已满</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>a part of the path is a file, not a folder</source>
        <translation>路径中的某一部分是文件，不是文件夹</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>它是一个文件夹</translation>
    </message>
    <message>
        <source>it already exists</source>
        <translation>它已经存在</translation>
    </message>
    <message>
        <source>cannot write {0}: the folder {1} does not exist</source>
        <translation>无法写入 {0}：文件夹 {1} 不存在</translation>
    </message>
    <message>
        <source>cannot write {0}: the folder is not writable ({1})</source>
        <translation>无法写入 {0}：文件夹不可写（{1}）</translation>
    </message>
    <message>
        <source>cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <source>cannot export {0}: it has no visible area</source>
        <translation>无法导出 {0}：它没有可见区域</translation>
    </message>
    <message>
        <source>cannot export {0}: PNG encoding failed</source>
        <translation>无法导出 {0}：PNG 编码失败</translation>
    </message>
    <message>
        <source>cannot create the report folder {0}: {1}</source>
        <translation>无法创建报告文件夹 {0}：{1}</translation>
    </message>
    <message>
        <source>cannot write into {0}: the folder is not writable ({1})</source>
        <translation>无法写入 {0}：文件夹不可写（{1}）</translation>
    </message>
    <message>
        <source>cannot write the report into {0}: {1}</source>
        <translation>无法把报告写入 {0}：{1}</translation>
    </message>
    <message>
        <source>training loss per batch (log axis) with the learning rate, and accuracy per epoch</source>
        <translation>每批的训练损失（对数坐标）及学习率，以及每轮的准确率</translation>
    </message>
    <message>
        <source>test-set confusion matrix (rows true, columns predicted), accuracy {0:.2f}%, {1}</source>
        <translation>测试集的混淆矩阵（行为真实类别，列为预测类别），准确率 {0:.2f}%，{1}</translation>
    </message>
    <message>
        <source>the same counts as CSV</source>
        <translation>同样的计数，CSV 格式</translation>
    </message>
    <message>
        <source>per-batch training loss (step, epoch, loss)</source>
        <translation>每批的训练损失（步、轮、损失）</translation>
    </message>
    <message>
        <source>per-epoch accuracy, loss and speed</source>
        <translation>每轮的准确率、损失和速度</translation>
    </message>
    <message>
        <source>this list</source>
        <translation>本清单</translation>
    </message>
    <message>
        <source>lenet-gui training report</source>
        <translation>lenet-gui 训练报告</translation>
    </message>
    <message>
        <source>written {0}</source>
        <translation>写于 {0}</translation>
    </message>
    <message>
        <source>step {0}, epoch {1} of {2}, state {3}</source>
        <translation>第 {0} 步，第 {1}/{2} 轮，状态：{3}</translation>
    </message>
    <message>
        <source>files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>No confusion matrix: the test set had not been evaluated yet (training evaluates it after every epoch).</source>
        <translation>没有混淆矩阵：测试集尚未评估（训练时每轮结束后评估一次）。</translation>
    </message>
    <message>
        <source>network view</source>
        <translation>网络视图</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>Image File (PNG, TIF, JPG, ...)</source>
        <translation>图片文件（PNG、TIF、JPG……）</translation>
    </message>
    <message>
        <source>Scalable Vector Graphics (SVG)</source>
        <translation>可缩放矢量图形（SVG）</translation>
    </message>
    <message>
        <source>CSV of original plot data</source>
        <translation>原始绘图数据的 CSV</translation>
    </message>
    <message>
        <source>HDF5 Export: plot (x,y)</source>
        <translation>HDF5 导出：绘图 (x,y)</translation>
    </message>
    <message>
        <source>Matplotlib Window</source>
        <translation>Matplotlib 窗口</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>antialias</source>
        <translation>抗锯齿</translation>
    </message>
    <message>
        <source>background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>invertValue</source>
        <translation>反转数值</translation>
    </message>
    <message>
        <source>scaling stroke</source>
        <translation>缩放线宽</translation>
    </message>
    <message>
        <source>separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>columnMode</source>
        <translation>列模式</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Could not save the checkpoint</source>
        <translation>无法保存检查点</translation>
    </message>
    <message>
        <source>the training thread is busy; pause training and try again</source>
        <translation>训练线程正忙；请暂停训练后重试</translation>
    </message>
    <message>
        <source>Saved checkpoint {}</source>
        <translation>已保存检查点 {}</translation>
    </message>
    <message>
        <source>Load checkpoint</source>
        <translation>加载检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.npz);;All files (*)</source>
        <translation>检查点 (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Could not load the {}</source>
        <translation>无法加载{}</translation>
    </message>
    <message>
        <source>The checkpoint is loaded as soon as the data is.</source>
        <translation>数据加载完成后即加载检查点。</translation>
    </message>
    <message>
        <source>{0}: damaged history ({1})</source>
        <translation>{0}：训练历史已损坏（{1}）</translation>
    </message>
    <message>
        <source>Could not continue from the {}</source>
        <translation>无法从{}继续</translation>
    </message>
    <message>
        <source>Loaded {0} {1}: {2}, step {3}</source>
        <translation>已加载{0} {1}：{2}，第 {3} 步</translation>
    </message>
    <message>
        <source>pretrained weights</source>
        <translation>预训练权值</translation>
    </message>
    <message>
        <source>Export history as CSV</source>
        <translation>将训练历史导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Nothing to export</source>
        <translation>没有可导出的内容</translation>
    </message>
    <message>
        <source>there is no training history yet</source>
        <translation>还没有训练历史</translation>
    </message>
    <message>
        <source>Could not export the history</source>
        <translation>无法导出训练历史</translation>
    </message>
    <message>
        <source>Exported {}</source>
        <translation>已导出 {}</translation>
    </message>
    <message>
        <source>Write the report into this folder</source>
        <translation>把报告写入此文件夹</translation>
    </message>
    <message>
        <source>Nothing to report</source>
        <translation>没有可写入报告的内容</translation>
    </message>
    <message>
        <source>there is no training snapshot yet</source>
        <translation>还没有训练快照</translation>
    </message>
    <message>
        <source>Evaluating the test set for the report…</source>
        <translation>正在为报告评估测试集…</translation>
    </message>
    <message>
        <source>Could not write the report</source>
        <translation>无法写入报告</translation>
    </message>
    <message>
        <source>Wrote the report into {}</source>
        <translation>报告已写入 {}</translation>
    </message>
    <message>
        <source>The report was not written: the network changed while the test set was being evaluated.</source>
        <translation>报告未写入：评估测试集期间网络发生了变化。</translation>
    </message>
    <message>
        <source>Export current view as PNG</source>
        <translation>将当前视图导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Could not export the view</source>
        <translation>无法导出视图</translation>
    </message>
    <message>
        <source>Saved {}</source>
        <translation>已保存 {}</translation>
    </message>
    <message>
        <source>: training had diverged, so it holds the weights from before step {0} (an earlier step may already have damaged them) and learning rate {1:g} instead of the diverging {2:g}</source>
        <translation>：训练曾经发散，因此它保存的是第 {0} 步之前的权值（更早的某一步可能已经损坏了它们），学习率为 {1:g}，而不是导致发散的 {2:g}</translation>
    </message>
</context>
<context>
    <name>Form</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Item to export:</source>
        <translation>要导出的项目：</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Export options</source>
        <translation>导出选项</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>test image #{0}</source>
        <translation>测试图片 #{0}</translation>
    </message>
</context>
<context>
    <name>GradientCheckView</name>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>抽样数</translation>
    </message>
    <message>
        <source>max relative error</source>
        <translation>最大相对误差</translation>
    </message>
    <message>
        <source>result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权值</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <source>coefficient</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检验</translation>
    </message>
    <message>
        <source>Run check</source>
        <translation>运行检验</translation>
    </message>
    <message>
        <source> entries per parameter</source>
        <translation> 个元素/参数</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Run check&lt;/b&gt; to verify backpropagation on the probe image.</source>
        <translation>按 &lt;b&gt;运行检验&lt;/b&gt;，在探针图片上验证反向传播。</translation>
    </message>
    <message>
        <source>Backpropagation computes every ∂J/∂w analytically. A gradient check perturbs a sample of weights by a tiny ±ε, measures how the loss J changes (central finite differences, in float64) and compares: relative error = max|analytic − numeric| / max|gradient|. Below {0:g} the derivation and the code agree.</source>
        <translation>反向传播以解析方式计算每个 ∂J/∂w。梯度检验把抽样的一些权值扰动一个极小的 ±ε，测量损失 J 的变化（中心有限差分，float64 精度）并加以比较：相对误差 = max|解析值 − 数值| / max|梯度|。低于 {0:g} 即说明推导与代码一致。</translation>
    </message>
    <message>
        <source>Checking the snapshot of step {0}…</source>
        <translation>正在检验第 {0} 步的快照…</translation>
    </message>
    <message>
        <source>The check failed: {0}</source>
        <translation>检验失败：{0}</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#1a7f1a&apos;&gt;All {0} parameters pass&lt;/b&gt;: analytic and numeric gradients agree to {1:.1e} at worst.</source>
        <translation>&lt;b style=&apos;color:#1a7f1a&apos;&gt;全部 {0} 个参数通过&lt;/b&gt;：解析梯度与数值梯度最差也相差不超过 {1:.1e}。</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00&apos;&gt;{0} of {1} fail&lt;/b&gt; ({2}): worst relative error {3:.1e}.</source>
        <translation>&lt;b style=&apos;color:#b00&apos;&gt;{1} 个中有 {0} 个未通过&lt;/b&gt;（{2}）：最大相对误差 {3:.1e}。</translation>
    </message>
    <message>
        <source>{0} Checked the snapshot of step {1} (epoch {2}), probe target &apos;{3}&apos;, in {4:.1f} s.</source>
        <translation>{0} 检验的是第 {1} 步（第 {2} 轮）的快照，探针目标“{3}”，用时 {4:.1f} 秒。</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>未通过</translation>
    </message>
</context>
<context>
    <name>GradientHealthView</name>
    <message>
        <source>Gradient health</source>
        <translation>梯度健康</translation>
    </message>
    <message>
        <source>mean |δu| = mean |∂J/∂u| per layer (sensitivity)</source>
        <translation>各层平均 |δu| = 平均 |∂J/∂u|（灵敏度）</translation>
    </message>
    <message>
        <source>update / weight = ||Δw|| / ||w|| per step</source>
        <translation>每步的更新量 / 权值 = ||Δw|| / ||w||</translation>
    </message>
    <message>
        <source>training step</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>1e-3: healthy</source>
        <translation>1e-3：健康</translation>
    </message>
    <message>
        <source>Gradient health is sampled every few training steps: train a little to see it.</source>
        <translation>梯度健康每隔几个训练步采样一次：训练一会儿即可看到。</translation>
    </message>
    <message>
        <source>Top: how large the sensitivities are in each layer. If they shrink by orders of magnitude towards the input (C1), gradients are &lt;b&gt;vanishing&lt;/b&gt;; if they grow without bound, they are &lt;b&gt;exploding&lt;/b&gt;. Bottom: how much one step changes each layer&apos;s weights relative to their size; an update/weight ratio around 1e-3 is healthy, far below means the layer barely learns, near 1e-1 or above means the learning rate is too high.</source>
        <translation>上图：各层灵敏度的大小。若它们朝输入（C1）方向逐层缩小几个数量级，说明梯度在&lt;b&gt;消失&lt;/b&gt;；若无限增大，说明梯度在&lt;b&gt;爆炸&lt;/b&gt;。下图：每一步使各层权值相对其大小改变了多少；更新量/权值之比在 1e-3 左右为健康，远低于此说明该层几乎不学习，接近 1e-1 或更高说明学习率太大。</translation>
    </message>
    <message>
        <source>Gradient health — {0} samples up to step {1}</source>
        <translation>梯度健康 — 截至第 {1} 步共 {0} 个样本</translation>
    </message>
    <message>
        <source>{0}: step {1}</source>
        <translation>{0}：第 {1} 步</translation>
    </message>
    <message>
        <source>Gradient health of both runs — {0}</source>
        <translation>两次训练的梯度健康 — {0}</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>&lt;h3&gt;lenet-gui {version}&lt;/h3&gt;&lt;p&gt;Watch LeNet-5 learn to read handwritten digits: every layer&apos;s activations and sensitivities, live, while a NumPy network trains.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Data licences&lt;/b&gt;&lt;br&gt;MNIST: Yann LeCun and Corinna Cortes, &lt;a href=&apos;https://creativecommons.org/licenses/by-sa/3.0/&apos;&gt;CC BY-SA 3.0&lt;/a&gt;.&lt;br&gt;Fashion-MNIST: Zalando Research, MIT licence.&lt;br&gt;The built-in digits are generated by lenet-gui itself.&lt;/p&gt;&lt;p&gt;lenet-gui is free software under the MIT licence.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;lenet-gui {version}&lt;/h3&gt;&lt;p&gt;观看 LeNet-5 学习识别手写数字：NumPy 网络训练时，实时显示每一层的激活值和灵敏度。&lt;/p&gt;&lt;p&gt;&lt;b&gt;数据许可&lt;/b&gt;&lt;br&gt;MNIST：Yann LeCun 与 Corinna Cortes，&lt;a href=&apos;https://creativecommons.org/licenses/by-sa/3.0/&apos;&gt;CC BY-SA 3.0&lt;/a&gt;。&lt;br&gt;Fashion-MNIST：Zalando Research，MIT 许可证。&lt;br&gt;内置数字由 lenet-gui 自行生成。&lt;/p&gt;&lt;p&gt;lenet-gui 是采用 MIT 许可证的自由软件。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What am I looking at?&lt;/h3&gt;&lt;p&gt;The &lt;b&gt;Network&lt;/b&gt; tab shows one image, the &lt;i&gt;probe&lt;/i&gt;, going through the network, one column per layer (input, C1, S2, C3, S4, C5, F6, the output).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Top row, activations f(u)&lt;/b&gt;: what each unit outputs for the probe, where u is its weighted input. Bright means a strong output.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Bottom row, sensitivities δu = ∂J/∂u&lt;/b&gt;: how the loss J would change if u grew a little. &lt;span style=&apos;color:#b2182b&apos;&gt;&lt;b&gt;Red&lt;/b&gt;&lt;/span&gt;: growing u raises J (the unit should be quieter); &lt;span style=&apos;color:#2166ac&apos;&gt;&lt;b&gt;blue&lt;/b&gt;&lt;/span&gt;: growing u lowers J (it should be louder). White is zero. Backpropagation computes these from the output back to the input.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Receptive field&lt;/b&gt;: click a unit and the input pixels it depends on are outlined on the input image; the unit&apos;s own window enlarges its map and &lt;b&gt;Unit details&lt;/b&gt; lists its numbers. Esc clears the selection.&lt;/p&gt;&lt;p&gt;&lt;b&gt;The other tabs&lt;/b&gt;: Confusion matrix (which digits are mistaken for which), Mistakes (the test images the network gets wrong), Kernels (the convolution weights and their gradients δw), Saliency (which pixels matter for the answer), Gradient health (are the gradients vanishing or exploding, layer by layer), Gradient check (backpropagation against finite differences).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Curves&lt;/b&gt;: the loss per batch and the accuracy per epoch. &lt;b&gt;Drawing pad&lt;/b&gt;: draw a digit and see what the network makes of it.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;我在看什么？&lt;/h3&gt;&lt;p&gt;&lt;b&gt;网络&lt;/b&gt;标签页显示一张图片（&lt;i&gt;探针图片&lt;/i&gt;）经过网络的过程，每层一列（输入、C1、S2、C3、S4、C5、F6、输出层）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;上面一行，激活值 f(u)&lt;/b&gt;：每个神经元对探针图片的输出，u 是它的加权输入。越亮表示输出越强。&lt;/p&gt;&lt;p&gt;&lt;b&gt;下面一行，灵敏度 δu = ∂J/∂u&lt;/b&gt;：u 稍微增大时损失 J 会怎样变化。&lt;span style=&apos;color:#b2182b&apos;&gt;&lt;b&gt;红色&lt;/b&gt;&lt;/span&gt;：u 增大使 J 增大（该神经元应当更安静）；&lt;span style=&apos;color:#2166ac&apos;&gt;&lt;b&gt;蓝色&lt;/b&gt;&lt;/span&gt;：u 增大使 J 减小（它应当更活跃）。白色为零。反向传播从输出层一直算回输入。&lt;/p&gt;&lt;p&gt;&lt;b&gt;感受野&lt;/b&gt;：点击一个神经元，它所依赖的输入像素会在输入图片上框出；该神经元自己的窗口会放大它的特征图，&lt;b&gt;神经元详情&lt;/b&gt;列出它的数值。按 Esc 取消选择。&lt;/p&gt;&lt;p&gt;&lt;b&gt;其他标签页&lt;/b&gt;：混淆矩阵（哪些数字被误认为哪些）、错例（网络答错的测试图片）、卷积核（卷积权值及其梯度 δw）、显著图（哪些像素对回答最重要）、梯度健康（各层梯度是否在消失或爆炸）、梯度检验（反向传播与有限差分的对照）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;曲线&lt;/b&gt;：每批的损失和每轮的准确率。&lt;b&gt;手写板&lt;/b&gt;：写一个数字，看看网络怎么认。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About lenet-gui</source>
        <translation>关于 lenet-gui</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Keyboard shortcuts — lenet-gui</source>
        <translation>键盘快捷键 — lenet-gui</translation>
    </message>
    <message>
        <source>What am I looking at? — lenet-gui</source>
        <translation>我在看什么？ — lenet-gui</translation>
    </message>
</context>
<context>
    <name>KernelsView</name>
    <message>
        <source>Kernels</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <source>This network has no convolution kernels to show.</source>
        <translation>这个网络没有可显示的卷积核。</translation>
    </message>
    <message>
        <source>Each cell is one 5×5 kernel: its &lt;b&gt;weights&lt;/b&gt; on top (blue negative, red positive) and, below, its current gradient &lt;b&gt;δw = ∂J/∂w&lt;/b&gt; (green negative, purple positive), each with its own scale bar. White is 0. Training moves each weight against its gradient.</source>
        <translation>每个格子是一个 5×5 卷积核：上面是它的&lt;b&gt;权值&lt;/b&gt;（蓝为负，红为正），下面是它当前的梯度 &lt;b&gt;δw = ∂J/∂w&lt;/b&gt;（绿为负，紫为正），各有自己的色标。白色为 0。训练使每个权值沿其梯度的反方向移动。</translation>
    </message>
    <message>
        <source>reads {0} map</source>
        <translation>读取 {0} 特征图</translation>
    </message>
    <message>
        <source>{0} map</source>
        <translation>{0} 特征图</translation>
    </message>
    <message>
        <source>the 1998 connection table: blank = no connection</source>
        <translation>1998 年连接表：空白 = 无连接</translation>
    </message>
    <message>
        <source>every input map connected</source>
        <translation>与每个输入特征图都相连</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1} kernels ({2})</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;：{1} 个卷积核（{2}）</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权值</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>δw of the last training batch (step {0}, epoch {1}).</source>
        <translation>最近一个训练批次的 δw（第 {0} 步，第 {1} 轮）。</translation>
    </message>
    <message>
        <source>No training batch yet: δw shown is for the probe image alone.</source>
        <translation>还没有训练批次：显示的 δw 仅针对探针图片。</translation>
    </message>
    <message>
        <source>weight  ±{0}</source>
        <translation>权值  ±{0}</translation>
    </message>
    <message>
        <source>δw  ±{0}</source>
        <translation>δw  ±{0}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Switch to {0} now?</source>
        <translation>现在切换到 {0} 吗？</translation>
    </message>
    <message>
        <source>The window is rebuilt in the new language. It keeps the data, the settings and the training run, which pauses until you press Start. Otherwise the language changes the next time lenet-gui starts.</source>
        <translation>窗口将以新语言重建，并保留数据、设置和当前训练（训练会暂停，按“开始”继续）。否则语言将在下次启动 lenet-gui 时更改。</translation>
    </message>
    <message>
        <source>Switch now</source>
        <translation>立即切换</translation>
    </message>
    <message>
        <source>At next start</source>
        <translation>下次启动时</translation>
    </message>
    <message>
        <source>The translation could not be loaded ({0}); lenet-gui stays in English.</source>
        <translation>无法加载翻译（{0}）；lenet-gui 保持英文界面。</translation>
    </message>
    <message>
        <source>The language changes the next time lenet-gui starts.</source>
        <translation>语言将在下次启动 lenet-gui 时更改。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <source>Start or continue training</source>
        <translation>开始或继续训练</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume training</source>
        <translation>暂停或恢复训练</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>单步(&amp;T)</translation>
    </message>
    <message>
        <source>Train exactly one batch, then stay paused</source>
        <translation>只训练一个批次，然后保持暂停</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>A fresh network with the chosen preset and options</source>
        <translation>按所选预设和选项新建网络</translation>
    </message>
    <message>
        <source>&amp;Save checkpoint…</source>
        <translation>保存检查点(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the network, optimiser and history to a .npz file</source>
        <translation>把网络、优化器和训练历史保存到 .npz 文件</translation>
    </message>
    <message>
        <source>&amp;Load checkpoint…</source>
        <translation>加载检查点(&amp;L)…</translation>
    </message>
    <message>
        <source>Continue from a saved .npz checkpoint</source>
        <translation>从保存的 .npz 检查点继续</translation>
    </message>
    <message>
        <source>Load &amp;pretrained weights</source>
        <translation>加载预训练权值(&amp;P)</translation>
    </message>
    <message>
        <source>Replace the network being trained by the bundled LeNet-5 trained on MNIST</source>
        <translation>用随附的、在 MNIST 上训练好的 LeNet-5 替换正在训练的网络</translation>
    </message>
    <message>
        <source>Get MNIST / choose &amp;data folder…</source>
        <translation>获取 MNIST / 选择数据文件夹(&amp;D)…</translation>
    </message>
    <message>
        <source>Download MNIST, read it from a folder, or use the built-in digits</source>
        <translation>下载 MNIST、从文件夹读取，或使用内置数字</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close lenet-gui</source>
        <translation>关闭 lenet-gui</translation>
    </message>
    <message>
        <source>Previous test image</source>
        <translation>上一张测试图片</translation>
    </message>
    <message>
        <source>Next test image</source>
        <translation>下一张测试图片</translation>
    </message>
    <message>
        <source>Random test image</source>
        <translation>随机测试图片</translation>
    </message>
    <message>
        <source>A random test image</source>
        <translation>随机一张测试图片</translation>
    </message>
    <message>
        <source>Export history as &amp;CSV…</source>
        <translation>将训练历史导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Write the loss per batch and the accuracy per epoch as CSV files</source>
        <translation>把每批的损失和每轮的准确率写成 CSV 文件</translation>
    </message>
    <message>
        <source>Write &amp;report…</source>
        <translation>写入报告(&amp;R)…</translation>
    </message>
    <message>
        <source>A folder with the curves, the confusion matrix, the network view and the history</source>
        <translation>一个包含曲线、混淆矩阵、网络视图和训练历史的文件夹</translation>
    </message>
    <message>
        <source>Export current view as &amp;PNG…</source>
        <translation>将当前视图导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Save the visible tab as a PNG image</source>
        <translation>把当前可见的标签页保存为 PNG 图片</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Probe</source>
        <translation>探针(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>waiting for data</source>
        <translation>等待数据</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>all {} epochs done (raise Epochs to train on)</source>
        <translation>全部 {} 轮已完成（增加轮数可继续训练）</translation>
    </message>
    <message>
        <source>State: {}</source>
        <translation>状态：{}</translation>
    </message>
    <message>
        <source>lenet-gui — watch LeNet-5 learn</source>
        <translation>lenet-gui — 观看 LeNet-5 学习</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Every layer&apos;s activations f(u) and sensitivities δu for the probe image</source>
        <translation>探针图片在每一层的激活值 f(u) 和灵敏度 δu</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>The drawing pad will appear here.</source>
        <translation>手写板将显示在这里。</translation>
    </message>
    <message>
        <source>Drawing pad</source>
        <translation>手写板</translation>
    </message>
    <message>
        <source>Clear selection</source>
        <translation>取消选择</translation>
    </message>
    <message>
        <source>Forget the selected unit and its receptive field</source>
        <translation>取消所选的神经元及其感受野</translation>
    </message>
    <message>
        <source>Reset &amp;layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>Put the panels back where they were on first run</source>
        <translation>把各面板放回首次运行时的位置</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;What am I looking at?</source>
        <translation>我在看什么？(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About lenet-gui</source>
        <translation>关于 lenet-gui(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MapDialog</name>
    <message>
        <source>input image</source>
        <translation>输入图片</translation>
    </message>
    <message>
        <source>{layer} map {index}</source>
        <translation>{layer} 特征图 {index}</translation>
    </message>
    <message>
        <source>{layer} (all units)</source>
        <translation>{layer}（全部神经元）</translation>
    </message>
    <message>
        <source>{what} — lenet-gui</source>
        <translation>{what} — lenet-gui</translation>
    </message>
    <message>
        <source>activation f(u)</source>
        <translation>激活值 f(u)</translation>
    </message>
    <message>
        <source>sensitivity δu = ∂J/∂u</source>
        <translation>灵敏度 δu = ∂J/∂u</translation>
    </message>
    <message>
        <source>input image x</source>
        <translation>输入图片 x</translation>
    </message>
    <message>
        <source>its sensitivity ∂J/∂x</source>
        <translation>它的灵敏度 ∂J/∂x</translation>
    </message>
    <message>
        <source>units</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>+ column</source>
        <translation>+ 列</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>神经元</translation>
    </message>
    <message>
        <source>step {step} · this window follows training.</source>
        <translation>第 {step} 步 · 此窗口随训练更新。</translation>
    </message>
    <message>
        <source>pixel (row {r}, col {c})</source>
        <translation>像素（第 {r} 行，第 {c} 列）</translation>
    </message>
    <message>
        <source>map {index}, row {r}, col {c}</source>
        <translation>特征图 {index}，第 {r} 行，第 {c} 列</translation>
    </message>
    <message>
        <source>unit {index}</source>
        <translation>神经元 {index}</translation>
    </message>
    <message>
        <source>(orange box):</source>
        <translation>（橙色框）：</translation>
    </message>
    <message>
        <source>It sees input rows {top}–{bottom}, columns {left}–{right} ({h}×{w} pixels, outlined on the input in the main window).</source>
        <translation>它看到输入的第 {top}–{bottom} 行、第 {left}–{right} 列（{h}×{w} 像素，在主窗口的输入上框出）。</translation>
    </message>
</context>
<context>
    <name>MistakesView</name>
    <message>
        <source>Train for an epoch (or press Refresh on the confusion matrix) to see the mistakes.</source>
        <translation>训练一轮（或在混淆矩阵上按“刷新”）后即可看到错例。</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>错例</translation>
    </message>
    <message>
        <source>Under each image: &lt;b&gt;true label → the network&apos;s answer&lt;/b&gt; and how sure it was. The most confident mistakes come first: often a badly written digit, sometimes a wrong label. Click an image to make it the probe.</source>
        <translation>每张图片下方：&lt;b&gt;真实标签 → 网络的回答&lt;/b&gt;以及它有多确定。最自信的错误排在最前：往往是写得不好的数字，有时是标签错了。点击一张图片将其设为探针。</translation>
    </message>
    <message>
        <source>test image #{0}: labelled {1}, the network says {2} ({3:.1f}%; {4:.1f}% for the true class) — click to probe</source>
        <translation>测试图片 #{0}：标签为 {1}，网络认为是 {2}（{3:.1f}%；真实类别为 {4:.1f}%）— 点击设为探针</translation>
    </message>
    <message>
        <source>Mistakes — {0} of {1} test images wrong ({2:.2f}% error, {3})</source>
        <translation>错例 — {1} 张测试图片中错了 {0} 张（错误率 {2:.2f}%，{3}）</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>per map, max</source>
        <translation>逐图，最大值</translation>
    </message>
    <message>
        <source>per map</source>
        <translation>逐图</translation>
    </message>
    <message>
        <source>per map&lt;br&gt;max</source>
        <translation>逐图&lt;br&gt;最大值</translation>
    </message>
    <message>
        <source>activation f(u)</source>
        <translation>激活值 f(u)</translation>
    </message>
    <message>
        <source>what each unit outputs</source>
        <translation>每个神经元的输出</translation>
    </message>
    <message>
        <source>sensitivity &amp;delta;u = &amp;part;J/&amp;part;u</source>
        <translation>灵敏度 &amp;delta;u = &amp;part;J/&amp;part;u</translation>
    </message>
    <message>
        <source>+ raises J</source>
        <translation>+ 使 J 增大</translation>
    </message>
    <message>
        <source>&amp;minus; lowers J</source>
        <translation>&amp;minus; 使 J 减小</translation>
    </message>
    <message>
        <source>background &amp;minus;0.1{sep}… ink 1.175</source>
        <translation>背景 &amp;minus;0.1{sep}… 笔迹 1.175</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>输入 x</translation>
    </message>
    <message>
        <source>preprocessed image</source>
        <translation>预处理后的图片</translation>
    </message>
    <message>
        <source>  (true: {name})</source>
        <translation>  （真实：{name}）</translation>
    </message>
    <message>
        <source>input  (row {r}, col {c})  pixel value x = {x}</source>
        <translation>输入（第 {r} 行，第 {c} 列）  像素值 x = {x}</translation>
    </message>
    <message>
        <source>   sensitivity ∂J/∂x = {d}</source>
        <translation>   灵敏度 ∂J/∂x = {d}</translation>
    </message>
    <message>
        <source>{layer} map {index}  (row {r}, col {c})</source>
        <translation>{layer} 特征图 {index}（第 {r} 行，第 {c} 列）</translation>
    </message>
    <message>
        <source>{layer} unit {index} (class {name})</source>
        <translation>{layer} 神经元 {index}（类别 {name}）</translation>
    </message>
    <message>
        <source>{layer} unit {index}</source>
        <translation>{layer} 神经元 {index}</translation>
    </message>
    <message>
        <source>activation f(u) = {v}</source>
        <translation>激活值 f(u) = {v}</translation>
    </message>
    <message>
        <source>sensitivity δu = {v}</source>
        <translation>灵敏度 δu = {v}</translation>
    </message>
    <message>
        <source>Hover over a map to read its values; click a unit to select it: its receptive field is outlined on the input.</source>
        <translation>鼠标悬停在特征图上可读取数值；点击一个神经元将其选中：它的感受野会在输入上框出。</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
</context>
<context>
    <name>PadCheck</name>
    <message>
        <source>Unsure: the digit is very small — draw it larger</source>
        <translation>没把握：数字太小 —— 请写大一些</translation>
    </message>
    <message>
        <source>Unsure: it runs off the pad — keep it inside</source>
        <translation>没把握：数字超出了手写板 —— 请写在框内</translation>
    </message>
    <message>
        <source>Unsure: far from the centre — draw it in the middle</source>
        <translation>没把握：离中心太远 —— 请写在中间</translation>
    </message>
    <message>
        <source>Unsure: too many strokes — a digit takes one to three</source>
        <translation>没把握：笔画太多 —— 一个数字只需一到三笔</translation>
    </message>
    <message>
        <source>Unsure: looks like a scribble — clear, draw one digit</source>
        <translation>没把握：看起来像涂鸦 —— 请清除后写一个数字</translation>
    </message>
    <message>
        <source>Unsure: could be {0} or {1} — the network cannot decide</source>
        <translation>没把握：可能是 {0} 也可能是 {1} —— 网络无法确定</translation>
    </message>
</context>
<context>
    <name>PadPanel</name>
    <message>
        <source>draw a digit</source>
        <translation>写一个数字</translation>
    </message>
    <message>
        <source>Show my drawing in the network view</source>
        <translation>在网络视图中显示我写的数字</translation>
    </message>
    <message>
        <source>Feed the drawing to the network view instead of a training example</source>
        <translation>把手写的数字而不是训练样本送入网络视图</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Remove the last stroke ({0})</source>
        <translation>删除最后一笔（{0}）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the pad ({0})</source>
        <translation>清空手写板（{0}）</translation>
    </message>
    <message>
        <source>Your drawing after MNIST normalisation: scaled into a 20x20 box and centred by its centre of mass in a 28x28 field (LeNet-5 then pads it to 32x32)</source>
        <translation>按 MNIST 方式归一化后的手写数字：缩放到 20x20 的框内，并按质心居中于 28x28 的区域（LeNet-5 再把它填充到 32x32）</translation>
    </message>
    <message>
        <source>as the network sees it</source>
        <translation>网络看到的样子</translation>
    </message>
    <message>
        <source>Pretrained (MNIST)</source>
        <translation>预训练（MNIST）</translation>
    </message>
    <message>
        <source>Network being trained</source>
        <translation>正在训练的网络</translation>
    </message>
    <message>
        <source>Classify with</source>
        <translation>分类所用网络</translation>
    </message>
    <message>
        <source>no network configuration yet</source>
        <translation>还没有网络配置</translation>
    </message>
    <message>
        <source>Weights trained on MNIST, shipped with the app</source>
        <translation>在 MNIST 上训练好的权值，随程序附带</translation>
    </message>
    <message>
        <source>No pretrained weights were found (resources/lenet5_mnist.npz)</source>
        <translation>未找到预训练权值（resources/lenet5_mnist.npz）</translation>
    </message>
    <message>
        <source>The weights of the latest training snapshot</source>
        <translation>最新训练快照的权值</translation>
    </message>
    <message>
        <source>The latest snapshot cannot be used: {0}</source>
        <translation>无法使用最新快照：{0}</translation>
    </message>
    <message>
        <source>No training snapshot yet: start or load a training run</source>
        <translation>还没有训练快照：请开始训练或加载一次训练</translation>
    </message>
    <message>
        <source>no network to classify with</source>
        <translation>没有可用于分类的网络</translation>
    </message>
    <message>
        <source>cannot classify: {0}</source>
        <translation>无法分类：{0}</translation>
    </message>
    <message>
        <source>the network&apos;s output is not finite (diverged?)</source>
        <translation>网络的输出不是有限值（发散了？）</translation>
    </message>
    <message>
        <source>28×28 → {0}×{0}</source>
        <translation>28×28 → {0}×{0}</translation>
    </message>
    <message>
        <source>{0:.1f}%
confident</source>
        <translation>置信度
{0:.1f}%</translation>
    </message>
    <message>
        <source>Pen width. MNIST strokes are about a tenth of the digit&apos;s height: for a digit as tall as most of the pad, about 22</source>
        <translation>笔宽。MNIST 的笔画约为数字高度的十分之一：数字几乎占满手写板时，约为 22</translation>
    </message>
    <message>
        <source>{0} px</source>
        <translation>{0} 像素</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>笔宽</translation>
    </message>
    <message>
        <source>{0:.1f}%</source>
        <translation>{0:.1f}%</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>{0:.1f}%</source>
        <translation>{0:.1f}%</translation>
    </message>
</context>
<context>
    <name>ProbeBar</name>
    <message>
        <source>&lt;b&gt;Probe image:&lt;/b&gt;</source>
        <translation>&lt;b&gt;探针图片：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>◀ Prev</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <source>Previous test image (Page Up)</source>
        <translation>上一张测试图片（Page Up）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <source>Next test image (Page Down)</source>
        <translation>下一张测试图片（Page Down）</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>A random test image (R)</source>
        <translation>随机一张测试图片（R）</translation>
    </message>
    <message>
        <source>no data yet</source>
        <translation>还没有数据</translation>
    </message>
    <message>
        <source>my drawing</source>
        <translation>我写的数字</translation>
    </message>
    <message>
        <source>Show the digit drawn on the pad in the network view</source>
        <translation>在网络视图中显示手写板上写的数字</translation>
    </message>
    <message>
        <source>scale per layer</source>
        <translation>逐层色标</translation>
    </message>
    <message>
        <source>scale per map</source>
        <translation>逐图色标</translation>
    </message>
    <message>
        <source>Per layer: maps of a layer share one scale, so you can compare them. Per map: each map is stretched to its own range, so you can see its pattern.</source>
        <translation>逐层：同一层的特征图共用一个色标，便于相互比较。逐图：每张特征图按自己的范围拉伸，便于看清其图案。</translation>
    </message>
    <message>
        <source>↩ back to {0}</source>
        <translation>↩ 返回{0}</translation>
    </message>
    <message>
        <source>Return to the {0} tab</source>
        <translation>返回“{0}”标签页</translation>
    </message>
    <message>
        <source>test image {0} of {1} · label &lt;b&gt;{2}&lt;/b&gt;{3}</source>
        <translation>测试图片 {0} / {1} · 标签 &lt;b&gt;{2}&lt;/b&gt;{3}</translation>
    </message>
    <message>
        <source>your drawing (no label)</source>
        <translation>你写的数字（无标签）</translation>
    </message>
    <message>
        <source>your drawing: the pad is empty, showing the test image</source>
        <translation>你写的数字：手写板是空的，显示测试图片</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>Backward replay (output → C1)</source>
        <translation>反向回放（输出层 → C1）</translation>
    </message>
    <message>
        <source>Forward replay (C1 → output)</source>
        <translation>前向回放（C1 → 输出层）</translation>
    </message>
    <message>
        <source>« Start</source>
        <translation>« 开头</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>End replay</source>
        <translation>结束回放</translation>
    </message>
    <message>
        <source> layers/s</source>
        <translation> 层/秒</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Alt+→ / Alt+← step</source>
        <translation>Alt+→ / Alt+← 单步</translation>
    </message>
    <message>
        <source>ready: nothing revealed</source>
        <translation>就绪：尚未显示任何内容</translation>
    </message>
    <message>
        <source>stage {0}/{1}: {2}</source>
        <translation>第 {0}/{1} 阶段：{2}</translation>
    </message>
</context>
<context>
    <name>RunTexts</name>
    <message>
        <source>before training</source>
        <translation>训练之前</translation>
    </message>
    <message>
        <source>after epoch {0}, step {1}</source>
        <translation>第 {0} 轮后，第 {1} 步</translation>
    </message>
    <message>
        <source>at step {0}, {1}% into epoch {2}</source>
        <translation>第 {0} 步，第 {2} 轮已完成 {1}%</translation>
    </message>
</context>
<context>
    <name>SaliencyView</name>
    <message>
        <source>probe image x</source>
        <translation>探针图片 x</translation>
    </message>
    <message>
        <source>overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>Saliency</source>
        <translation>显著图</translation>
    </message>
    <message>
        <source>No probe image yet.</source>
        <translation>还没有探针图片。</translation>
    </message>
    <message>
        <source>Saliency is the gradient of the loss with respect to each input pixel, computed by backpropagating one step further than the weights: bright pixels are the ones where a small change of ink would change the network&apos;s answer most. Draw on the pad or pick another probe to compare.</source>
        <translation>显著图是损失对每个输入像素的梯度，由反向传播比权值再多传一步算得：亮的像素是笔迹稍有变化就最能改变网络回答的地方。可以在手写板上写字或另选探针图片来比较。</translation>
    </message>
    <message>
        <source>Which pixels most change the loss for the predicted class &lt;b&gt;&apos;{0}&apos;&lt;/b&gt; ({1:.1f}% sure)?</source>
        <translation>哪些像素最能改变预测类别 &lt;b&gt;“{0}”&lt;/b&gt;（把握 {1:.1f}%）的损失？</translation>
    </message>
    <message>
        <source>Saliency — step {0}</source>
        <translation>显著图 — 第 {0} 步</translation>
    </message>
    <message>
        <source>Saliency — step {0}, true label &apos;{1}&apos;</source>
        <translation>显著图 — 第 {0} 步，真实标签“{1}”</translation>
    </message>
</context>
<context>
    <name>TabTips</name>
    <message>
        <source>Confusion matrix of the test set; click a cell to see its images.</source>
        <translation>测试集的混淆矩阵；点击格子查看其中的图片。</translation>
    </message>
    <message>
        <source>Run the engine&apos;s gradient check for the probe image and tabulate the errors.</source>
        <translation>对探针图片运行引擎的梯度检验，并列出误差。</translation>
    </message>
    <message>
        <source>Two log-scale plots of per-layer gradient statistics against training step.</source>
        <translation>两张对数坐标图：各层梯度统计量随训练步数的变化。</translation>
    </message>
    <message>
        <source>Every small conv layer&apos;s kernels (weights above, delta_w below, in each cell).</source>
        <translation>各个小卷积层的卷积核（每个格子上为权值，下为 δw）。</translation>
    </message>
    <message>
        <source>A gallery of misclassified test images with true label, answer and confidence.</source>
        <translation>分类错误的测试图片一览，附真实标签、网络回答和置信度。</translation>
    </message>
    <message>
        <source>Input, saliency heatmap and overlay, side by side.</source>
        <translation>输入、显著性热图和叠加图，并排显示。</translation>
    </message>
    <message>
        <source>Details of the unit last clicked in the network view, kept live across snapshots.</source>
        <translation>网络视图中最近点击的神经元的详情，随快照实时更新。</translation>
    </message>
    <message>
        <source>The seeds&apos; derivation of the selected unit, every value checked against the engine.</source>
        <translation>按讲义推导所选神经元，每个值都与引擎对照校验。</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Drag back through the recorded steps: every view shows the network as it was then, for the current probe</source>
        <translation>拖动以回到记录的步数：每个视图都显示当时的网络对当前探针图像的结果</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Show the running network again</source>
        <translation>重新显示正在训练的网络</translation>
    </message>
    <message>
        <source> MB</source>
        <translation> MB</translation>
    </message>
    <message>
        <source>Memory the timeline of the next run may hold: early steps are kept densely, later ones more sparsely</source>
        <translation>下一次训练的时间轴可占用的内存：早期的步数记录得密，后期的记录得疏</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>内存预算</translation>
    </message>
    <message>
        <source>nothing recorded yet</source>
        <translation>尚未记录</translation>
    </message>
    <message>
        <source>live · {0} steps kept</source>
        <translation>实时 · 已保存 {0} 步</translation>
    </message>
    <message>
        <source>step {0} of {1}</source>
        <translation>第 {0} 步，共 {1} 步</translation>
    </message>
</context>
<context>
    <name>TimelineController</name>
    <message>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.npz)</source>
        <translation>检查点 (*.npz)</translation>
    </message>
    <message>
        <source>Include the timeline ({0:,.1f} MB)</source>
        <translation>包含时间轴（{0:,.1f} MB）</translation>
    </message>
    <message>
        <source>The weights of {0} recorded steps: loading the checkpoint restores the timeline slider</source>
        <translation>记录的 {0} 步的权值：加载检查点时会恢复时间轴滑块</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>Cannot train</source>
        <translation>无法训练</translation>
    </message>
    <message>
        <source>Training starts as soon as the data is loaded.</source>
        <translation>数据加载完成后即开始训练。</translation>
    </message>
    <message>
        <source>All {} epochs are done. Raise &lt;b&gt;Epochs&lt;/b&gt; and press Start to train on, or press Reset for a fresh network.</source>
        <translation>全部 {} 轮已完成。增加&lt;b&gt;轮数&lt;/b&gt;并按“开始”继续训练，或按“重置”新建网络。</translation>
    </message>
    <message>
        <source>Batch size {0} is larger than the {1:,} training images; using {2}.</source>
        <translation>批大小 {0} 大于训练图片数 {1:,}；改用 {2}。</translation>
    </message>
    <message>
        <source>Cannot build this network</source>
        <translation>无法构建此网络</translation>
    </message>
    <message>
        <source>Fresh network: {}</source>
        <translation>新网络：{}</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>{} The network keeps the weights of the last step shown; press Start to go on.</source>
        <translation>{} 网络保留所显示的最后一步的权值；按“开始”继续。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training stopped: it diverged.&lt;/b&gt; {}</source>
        <translation>&lt;b&gt;训练已停止：发散了。&lt;/b&gt; {}</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source> Test accuracy {:.2%}.</source>
        <translation> 测试准确率 {:.2%}。</translation>
    </message>
    <message>
        <source>Finished {0} epochs.{1}</source>
        <translation>已完成 {0} 轮。{1}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>Training stopped because of an error: {}</source>
        <translation>训练因错误而停止：{}</translation>
    </message>
    <message>
        <source>Evaluating the test set…</source>
        <translation>正在评估测试集…</translation>
    </message>
    <message>
        <source>Could not evaluate the test set</source>
        <translation>无法评估测试集</translation>
    </message>
    <message>
        <source>Test accuracy {0:.2%} at step {1}</source>
        <translation>第 {1} 步的测试准确率 {0:.2%}</translation>
    </message>
</context>
<context>
    <name>UnitDetails</name>
    <message>
        <source>Unit details</source>
        <translation>神经元详情</translation>
    </message>
    <message>
        <source>Click a unit in the network view to see its details here.</source>
        <translation>在网络视图中点击一个神经元，即可在此查看其详情。</translation>
    </message>
    <message>
        <source>activation f(u)</source>
        <translation>激活值 f(u)</translation>
    </message>
    <message>
        <source>what the unit passes on to the next layer</source>
        <translation>该神经元传给下一层的值</translation>
    </message>
    <message>
        <source>pre-activation u</source>
        <translation>激活函数的输入 u</translation>
    </message>
    <message>
        <source>weighted sum of its inputs plus bias, before f</source>
        <translation>输入的加权和加上偏置，经过 f 之前</translation>
    </message>
    <message>
        <source>sensitivity δu = ∂J/∂u</source>
        <translation>灵敏度 δu = ∂J/∂u</translation>
    </message>
    <message>
        <source>how fast the loss J changes when u changes</source>
        <translation>u 变化时损失 J 变化得有多快</translation>
    </message>
    <message>
        <source>input x and the unit&apos;s receptive field</source>
        <translation>输入 x 和该神经元的感受野</translation>
    </message>
    <message>
        <source>map {0}, row {1}, col {2}</source>
        <translation>特征图 {0}，第 {1} 行，第 {2} 列</translation>
    </message>
    <message>
        <source>unit {0}</source>
        <translation>神经元 {0}</translation>
    </message>
    <message>
        <source>Unit details — {0} {1}</source>
        <translation>神经元详情 — {0} {1}</translation>
    </message>
    <message>
        <source>Unit details — {0} {1} (live, step {2})</source>
        <translation>神经元详情 — {0} {1}（实时，第 {2} 步）</translation>
    </message>
    <message>
        <source>u &amp;lt; 0, so the ReLU outputs 0 and is switched off for this image: no error flows back through it (δu = 0), so its incoming weights do not learn from this image.</source>
        <translation>u &amp;lt; 0，所以 ReLU 输出 0，对这张图片处于关闭状态：没有误差经它反向传播（δu = 0），因此它的输入权值不会从这张图片中学习。</translation>
    </message>
    <message>
        <source>To lower the loss J on this image, training would lower u (it moves u against δu).</source>
        <translation>为了降低这张图片上的损失 J，训练会减小 u（使 u 沿 δu 的反方向移动）。</translation>
    </message>
    <message>
        <source>To lower the loss J on this image, training would raise u (it moves u against δu).</source>
        <translation>为了降低这张图片上的损失 J，训练会增大 u（使 u 沿 δu 的反方向移动）。</translation>
    </message>
    <message>
        <source>This unit sees input rows {0}–{1}, columns {2}–{3} ({4}×{5} pixels, orange box)</source>
        <translation>该神经元看到输入的第 {0}–{1} 行、第 {2}–{3} 列（{4}×{5} 像素，橙色框）</translation>
    </message>
    <message>
        <source>: a vector layer sees the whole input</source>
        <translation>：向量层看到整个输入</translation>
    </message>
    <message>
        <source>{0} map {1}: activation f(u)</source>
        <translation>{0} 特征图 {1}：激活值 f(u)</translation>
    </message>
    <message>
        <source>its sensitivity δu (±{0:.1e})</source>
        <translation>它的灵敏度 δu（±{0:.1e}）</translation>
    </message>
</context>
<context>
    <name>WhatIfPanel</name>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>What if</source>
        <translation>如果</translation>
    </message>
    <message>
        <source>changed by</source>
        <translation>改变</translation>
    </message>
    <message>
        <source>(not while training runs)</source>
        <translation>（训练运行时不可用）</translation>
    </message>
    <message>
        <source>(this layer has no weights to change)</source>
        <translation>（这一层没有可改变的权值）</translation>
    </message>
</context>
<context>
    <name>WorkedExamples</name>
    <message>
        <source>forward</source>
        <translation>正向</translation>
    </message>
    <message>
        <source>backward</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Seed 003: a tiny conv / max-pool / fc / softmax network by hand</source>
        <translation>讲义 003：手算一个小网络（卷积 / 最大池化 / 全连接 / softmax）</translation>
    </message>
    <message>
        <source>seeds/003 (softmax + cross-entropy, worked example)</source>
        <translation>讲义 003（softmax + 交叉熵，例题）</translation>
    </message>
    <message>
        <source>Input (0.1, 0, 0, 0.1); kernels (0.1, 0.2, 0.3) + 0.5 and (0.3, 0.2, 0.1) − 0.5, sigmoid; max-pool over each kernel&apos;s two positions; sigmoid layer and softmax output with $w = (0.1, 0.2, -0.1, -0.2)$, $b = (0.3, -0.3)$; target (1, 0); cross-entropy; learning rate 0.5. Back-propagation uses the forward pass&apos;s weights throughout and updates all of them at the end.</source>
        <translation>输入 (0.1, 0, 0, 0.1)；卷积核 (0.1, 0.2, 0.3) + 0.5 和 (0.3, 0.2, 0.1) − 0.5，sigmoid 激活函数；对每个卷积核的两个位置做最大池化；sigmoid 层和 softmax 输出层，权值 $w = (0.1, 0.2, -0.1, -0.2)$，偏置 $b = (0.3, -0.3)$；目标 (1, 0)；交叉熵；学习率 0.5。反向传播自始至终使用正向传播时的权值，最后一次性更新所有权值。</translation>
    </message>
    <message>
        <source>The seed writes $i_1 k_{12} + b_1$; its $out_{C2} = 0.629 = \sigma(0.53)$ needs $i_1 k_{13}$: the second position of kernel 1 sees the input&apos;s last $i_1$ under $k_{13}$.</source>
        <translation>讲义写作 $i_1 k_{12} + b_1$；但它的 $out_{C2} = 0.629 = \sigma(0.53)$ 需要 $i_1 k_{13}$：卷积核 1 的第二个位置上，输入最后的 $i_1$ 落在 $k_{13}$ 之下。</translation>
    </message>
    <message>
        <source>The seed writes $i_1 k_{13} + b_2$: $C3$ is kernel 2, so $i_1 k_{21} + b_2$.</source>
        <translation>讲义写作 $i_1 k_{13} + b_2$：$C3$ 属于卷积核 2，所以应为 $i_1 k_{21} + b_2$。</translation>
    </message>
    <message>
        <source>$\sigma(-0.47) = 0.38462$ rounds to 0.385; the seed cut the digits off instead of rounding.</source>
        <translation>$\sigma(-0.47) = 0.38462$ 四舍五入为 0.385；讲义直接截断了位数，没有四舍五入。</translation>
    </message>
    <message>
        <source>The seed writes $i_1 k_{14} + b_2$ (there is no $k_{14}$): $i_1 k_{23} + b_2$.</source>
        <translation>讲义写作 $i_1 k_{14} + b_2$（并没有 $k_{14}$）：应为 $i_1 k_{23} + b_2$。</translation>
    </message>
    <message>
        <source>The seed writes $out_{P3} w_3 + out_{P4} w_4 + b_2$; there are only $P1$ and $P2$.</source>
        <translation>讲义写作 $out_{P3} w_3 + out_{P4} w_4 + b_2$；但只有 $P1$ 和 $P2$。</translation>
    </message>
    <message>
        <source>Number right; the seed writes &apos;+ 0.608&apos; for &apos;· 0.608&apos; (the same typo in every update line of this layer, and &apos;+ 1&apos; for &apos;· 1&apos; in the bias lines).</source>
        <translation>数值正确；讲义把 &apos;· 0.608&apos; 写成了 &apos;+ 0.608&apos;（这一层每一行更新都有同样的笔误，偏置的几行也把 &apos;· 1&apos; 写成了 &apos;+ 1&apos;）。</translation>
    </message>
    <message>
        <source>Number right, formula slip: $w_2$ joins $out_{f_2}$ to $M_{O1}$, so its gradient is $coef_{o_1} \cdot out_{f_2}$, not the seed&apos;s $coef_{o_2} \cdot out_{f_2}$ (which would give 0.142).</source>
        <translation>数值正确，公式有误：$w_2$ 连接 $out_{f_2}$ 与 $M_{O1}$，所以它的梯度是 $coef_{o_1} \cdot out_{f_2}$，而不是讲义的 $coef_{o_2} \cdot out_{f_2}$（那样会得到 0.142）。</translation>
    </message>
    <message>
        <source>Number right; the seed writes $coef_{o_3}$ (there is no $o_3$): $w_3$ joins $out_{f_1}$ to $M_{O2}$, gradient $coef_{o_2} \cdot out_{f_1}$.</source>
        <translation>数值正确；讲义写作 $coef_{o_3}$（并没有 $o_3$）：$w_3$ 连接 $out_{f_1}$ 与 $M_{O2}$，梯度为 $coef_{o_2} \cdot out_{f_1}$。</translation>
    </message>
    <message>
        <source>Wrong: $w_4$ joins $out_{f_2} = 0.392$ to $M_{O2}$, so $w_4 = -0.2 - 0.5 \cdot 0.294 \cdot 0.392 = -0.258$; the seed printed $w_3$&apos;s result again.</source>
        <translation>错误：$w_4$ 连接 $out_{f_2} = 0.392$ 与 $M_{O2}$，所以 $w_4 = -0.2 - 0.5 \cdot 0.294 \cdot 0.392 = -0.258$；讲义重复写了 $w_3$ 的结果。</translation>
    </message>
    <message>
        <source>Wrong: the seed back-propagates through the output weights it has just updated (0.189, −0.189); the chain rule uses the weights of the forward pass, $w_1 = 0.1$ and $w_3 = -0.1$ (the seed&apos;s formula also names $w_2$ where $w_3$ joins $out_{f_1}$ to $M_{O2}$). With its updated weights: $(-0.294 \cdot 0.189 + 0.294 \cdot (-0.189)) \cdot 0.608 \cdot 0.392 = -0.026$.</source>
        <translation>错误：讲义用刚更新过的输出层权值 (0.189, −0.189) 做反向传播；链式法则要用正向传播时的权值 $w_1 = 0.1$ 和 $w_3 = -0.1$（讲义的公式还把连接 $out_{f_1}$ 与 $M_{O2}$ 的 $w_3$ 写成了 $w_2$）。用它更新后的权值算：$(-0.294 \cdot 0.189 + 0.294 \cdot (-0.189)) \cdot 0.608 \cdot 0.392 = -0.026$。</translation>
    </message>
    <message>
        <source>Wrong, the same way: the weights of $out_{f_2}$ are $w_2 = 0.2$ and $w_4 = -0.2$ of the forward pass; the seed&apos;s −0.036 comes from its updated $w_2 = 0.258$ and $w_4 = -0.258$ (its line shows $w_1, w_2 = 0.189, -0.189$, which would give −0.026 again).</source>
        <translation>错误，原因相同：$out_{f_2}$ 的权值是正向传播时的 $w_2 = 0.2$ 和 $w_4 = -0.2$；讲义的 −0.036 来自它更新后的 $w_2 = 0.258$ 和 $w_4 = -0.258$（它那一行写的是 $w_1, w_2 = 0.189, -0.189$，那样又会得到 −0.026）。</translation>
    </message>
    <message>
        <source>Wrong. It follows from the seed&apos;s {0} = {1} (correct {2}); the seed also writes {3} where {4} belongs.</source>
        <translation>错误。它来自讲义的 {0} = {1}（正确值 {2}）；讲义还把应为 {4} 的地方写成了 {3}。</translation>
    </message>
    <message>
        <source>Wrong. It follows from the seed&apos;s {0} = {1} (correct {2}); the seed also writes the old value of {3} as 0.1 (it is 0.2) and {4} where {3} (joining {5} to {6}) needs {0}.</source>
        <translation>错误。它来自讲义的 {0} = {1}（正确值 {2}）；讲义还把 {3} 的旧值写成 0.1（实为 0.2），并且 {3}（连接 {5} 与 {6}）需要的是 {0}，讲义却用了 {4}。</translation>
    </message>
    <message>
        <source>Wrong: from the seed&apos;s {0} (see above).</source>
        <translation>错误：来自讲义的 {0}（见上）。</translation>
    </message>
    <message>
        <source>Wrong: from the seed&apos;s {0} (see above). With it the seed&apos;s own line gives −0.282, not −0.281.</source>
        <translation>错误：来自讲义的 {0}（见上）。即使用它，讲义自己这一行算出的也是 −0.282，而不是 −0.281。</translation>
    </message>
    <message>
        <source>Wrong: the seed uses the hidden weights it has just updated (0.108, −0.089) and its own $coef_f$; with the forward weights $w_1 = 0.1$, $w_3 = -0.1$ it is $coef_{f_1} \cdot w_1 + coef_{f_2} \cdot w_3$.</source>
        <translation>错误：讲义用了刚更新过的隐藏层权值 (0.108, −0.089) 和它自己的 $coef_f$；用正向传播时的权值 $w_1 = 0.1$、$w_3 = -0.1$，应为 $coef_{f_1} \cdot w_1 + coef_{f_2} \cdot w_3$。</translation>
    </message>
    <message>
        <source>Wrong, the same way (updated weights); its line also writes $w_1 = 0.105$ where $w_2$ (0.2 in the forward pass) belongs.</source>
        <translation>错误，原因相同（用了更新后的权值）；它那一行还把应为 $w_2$（正向传播时为 0.2）的地方写成了 $w_1 = 0.105$。</translation>
    </message>
    <message>
        <source>Wrong: $C2$ feeds $P1$, so $coeff_{c2} = coeff_{p1} \cdot 1 \cdot out_{C2} (1 - out_{C2})$; the seed&apos;s formula names $coeff_{p2}$, its number 0.0001 follows from its $coeff_{p1} = 0.0004$.</source>
        <translation>错误：$C2$ 输入到 $P1$，所以 $coeff_{c2} = coeff_{p1} \cdot 1 \cdot out_{C2} (1 - out_{C2})$；讲义的公式写的是 $coeff_{p2}$，它的数值 0.0001 来自它的 $coeff_{p1} = 0.0004$。</translation>
    </message>
    <message>
        <source>Wrong: follows from the seed&apos;s $coeff_{p2} = 0.002$ (correct 0.0028).</source>
        <translation>错误：来自讲义的 $coeff_{p2} = 0.002$（正确值 0.0028）。</translation>
    </message>
    <message>
        <source>Agrees; the seed writes $i_1 = 1$ in &apos;0.0001 · 1&apos; ($i_1$ is 0.1).</source>
        <translation>一致；讲义在 &apos;0.0001 · 1&apos; 中把 $i_1$ 写成了 1（$i_1$ 是 0.1）。</translation>
    </message>
    <message>
        <source>Agrees; the seed sums $coeff_{c1}$ and $coeff_{c4}$, but $b_1$ is shared by $C1$ and $C2$.</source>
        <translation>一致；讲义把 $coeff_{c1}$ 与 $coeff_{c4}$ 相加，但 $b_1$ 是 $C1$ 和 $C2$ 共享的。</translation>
    </message>
    <message>
        <source>Wrong sign: $b_2$ starts at −0.5 and moves by only $-0.5 \cdot 0.00066$; the seed&apos;s 0.5 drops the minus.</source>
        <translation>符号错误：$b_2$ 初值为 −0.5，只变化了 $-0.5 \cdot 0.00066$；讲义的 0.5 丢了负号。</translation>
    </message>
    <message>
        <source>Seed 000 expands the 4x4 sensitivity of a mean-pooled map to 8x8 with MATLAB&apos;s {0}: every value covers the 2x2 window it was pooled from. The mean took 1/4 of each input, so each input&apos;s sensitivity is a quarter of that: the engine&apos;s mean-pooling backward gives {0} / 4 (largest difference {1}). The seed&apos;s printed {2} is the expansion before that division.</source>
        <translation>讲义 000 用 MATLAB 的 {0} 把平均池化特征图 4x4 的灵敏度展开成 8x8：每个值覆盖它被池化前的 2x2 窗口。平均值取了每个输入的 1/4，所以每个输入的灵敏度是它的四分之一：引擎的平均池化反向传播给出 {0} / 4（最大差异 {1}）。讲义打印的 {2} 是除以 4 之前的展开。</translation>
    </message>
    <message>
        <source>Found by nudging each S2 map and watching which C3 maps move; it equals the paper&apos;s Table I ({0} kernels). Seed 004&apos;s list $Cbn$ writes (5,14) twice in its last row, where column 13 needs (5,13): C3 map 13 reads S2 maps 1, 2, 4, 5.</source>
        <translation>做法：逐个轻推 S2 的特征图，看 C3 的哪些特征图随之变化；结果与论文的表 I 相同（{0} 个卷积核）。讲义 004 的列表 $Cbn$ 在最后一行把 (5,14) 写了两次，而第 13 列应为 (5,13)：C3 的第 13 个特征图读取 S2 的特征图 1、2、4、5。</translation>
    </message>
    <message>
        <source>Found by nudging each S2 map and watching which C3 maps move; it DIFFERS FROM the paper&apos;s Table I ({0} kernels). Seed 004&apos;s list $Cbn$ writes (5,14) twice in its last row, where column 13 needs (5,13): C3 map 13 reads S2 maps 1, 2, 4, 5.</source>
        <translation>做法：逐个轻推 S2 的特征图，看 C3 的哪些特征图随之变化；结果与论文的表 I 不同（{0} 个卷积核）。讲义 004 的列表 $Cbn$ 在最后一行把 (5,14) 写了两次，而第 13 列应为 (5,13)：C3 的第 13 个特征图读取 S2 的特征图 1、2、4、5。</translation>
    </message>
</context>
<context>
    <name>WorkedExamplesDialog</name>
    <message>
        <source>The seeds&apos; worked examples</source>
        <translation>讲义中的例题</translation>
    </message>
    <message>
        <source>Seed 003: a network by hand</source>
        <translation>讲义 003：手算一个网络</translation>
    </message>
    <message>
        <source>Seed 000: mean-pool expansion</source>
        <translation>讲义 000：平均池化的展开</translation>
    </message>
    <message>
        <source>Seed 004: C3 table</source>
        <translation>讲义 004：C3 连接表</translation>
    </message>
</context>
<context>
    <name>resources</name>
    <message>
        <source>no pretrained weights ({0} is missing)</source>
        <translation>没有预训练权值（缺少 {0}）</translation>
    </message>
    <message>
        <source>pretrained weights not loaded: {0}</source>
        <translation>未加载预训练权值：{0}</translation>
    </message>
    <message>
        <source>pretrained weights not loaded: {0}: {1}</source>
        <translation>未加载预训练权值：{0}：{1}</translation>
    </message>
</context>
</TS>

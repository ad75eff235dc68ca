<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Banner</name>
    <message>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
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
        <source>Confusion matrix — test accuracy {0:.2f}% ({1} images, after epoch {2}, step {3})</source>
        <translation>混淆矩阵 — 测试准确率 {0:.2f}%（{1} 张图片，第 {2} 轮后，第 {3} 步）</translation>
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
        <source>Base learning rate (the cosine schedule scales it); changes live</source>
        <translation>基础学习率（由余弦调度缩放）；修改立即生效</translation>
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
        <source>train (epoch)</source>
        <translation>训练（每轮）</translation>
    </message>
    <message>
        <source>test (epoch)</source>
        <translation>测试（每轮）</translation>
    </message>
    <message>
        <source>train, this epoch so far</source>
        <translation>训练（本轮至今）</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
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
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.npz)</source>
        <translation>检查点 (*.npz)</translation>
    </message>
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
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>导出…</translation>
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
        <source>Mistakes — {0} of {1} test images wrong ({2:.2f}% error, after epoch {3}, step {4})</source>
        <translation>错例 — {1} 张测试图片中错了 {0} 张（错误率 {2:.2f}%，第 {3} 轮后，第 {4} 步）</translation>
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
